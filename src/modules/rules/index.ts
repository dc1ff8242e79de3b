import { defineModule } from "../module";
import { RulesResolver } from "./rules.resolver";
import { RulesService } from "./rules.service";

/** The rules as configuration (periods and thresholds), listed for the departments that apply them. */
export const rulesModule = defineModule({
  name: "rules",
  resolvers: [RulesResolver],
  services: { rules: ({ config }) => new RulesService(config) },
});
