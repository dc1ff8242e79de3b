import { defineModule } from "../module";
import { CatalogueResolver } from "./catalogue.resolver";
import { CatalogueService } from "./catalogue.service";

/** The credit information catalogue (信用信息目录) and the caller's access, generated from the permission matrix. */
export const catalogueModule = defineModule({
  name: "catalogue",
  resolvers: [CatalogueResolver],
  services: { catalogue: () => new CatalogueService() },
});
