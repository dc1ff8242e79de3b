import { type Config, RULE_SETTINGS } from "../../config";
import type { RuleSetting } from "./rule-setting.type";

/** The periods and thresholds in force, from the configuration this instance started with. */
export class RulesService {
  private readonly settings: RuleSetting[];

  constructor(config: Config) {
    this.settings = RULE_SETTINGS.map((r) => ({ name: r.name, value: String(r.value(config)), description: r.description }));
  }

  list(): RuleSetting[] {
    return this.settings;
  }
}
