import { defineModule } from "../module";
import { createGradeLoaders, gradeProfileParts } from "./grade.loaders";
import { EnterpriseGradeResolver } from "./grade.resolver";
import { GradeService } from "./grade.service";

/** Credit grades (信用等级) and the supervision level they set. */
export const gradeModule = defineModule({
  name: "grade",
  resolvers: [EnterpriseGradeResolver],
  services: { grade: ({ config }) => new GradeService(config.rules.grade) },
  loaders: ({ db }) => createGradeLoaders(db),
  profile: gradeProfileParts,
});
