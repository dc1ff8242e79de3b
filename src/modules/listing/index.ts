import { defineModule } from "../module";
import { createListingLoaders, listingProfileParts } from "./listing.loaders";
import { EnterpriseListsResolver } from "./listing.resolver";

/** What both lists share: an enterprise's list state, its entries of either list, and the "in force" rule. */
export const listingModule = defineModule({
  name: "listing",
  resolvers: [EnterpriseListsResolver],
  loaders: ({ db, actor }) => createListingLoaders(db, actor),
  profile: listingProfileParts,
});
