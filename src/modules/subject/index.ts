import { defineModule } from "../module";
import { SubjectResolver } from "./subject.resolver";
import { SubjectService } from "./subject.service";

/** Enterprises calling about themselves (the SUBJECT audience): their keys and their own record. */
export const subjectModule = defineModule({
  name: "subject",
  resolvers: [SubjectResolver],
  services: { subject: ({ db }) => new SubjectService(db) },
});
