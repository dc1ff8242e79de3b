import type { MeasureCatalogueService } from "../sanction/measure-catalogue.service";
import { defineModule } from "../module";
import { ReviewResolver } from "./review.resolver";
import { ReviewService } from "./review.service";

/** Credit reviews (信用审查) of many enterprises at once, for procurement, bidding and licensing. */
export const reviewModule = defineModule({
  name: "review",
  resolvers: [ReviewResolver],
  services: {
    review: ({ db, config }, { measureCatalogue }: { measureCatalogue: MeasureCatalogueService }) =>
      new ReviewService(db, config.rules.reviewWindowDays, measureCatalogue),
  },
});
