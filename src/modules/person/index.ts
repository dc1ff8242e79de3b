import { defineModule } from "../module";
import { Person } from "./person.entity";
import { createPersonLoaders, personProfileParts } from "./person.loaders";
import { EnterpriseHoldersResolver, PersonResolver, ResponsiblePersonResolver } from "./person.resolver";
import { PersonService } from "./person.service";
import { ResponsiblePerson } from "./responsible-person.entity";

/** Responsible persons and the roles they hold at enterprises. */
export const personModule = defineModule({
  name: "person",
  resolvers: [PersonResolver, ResponsiblePersonResolver, EnterpriseHoldersResolver],
  entities: [Person, ResponsiblePerson],
  services: { person: ({ db }) => new PersonService(db) },
  loaders: ({ db, actor, audit }) => createPersonLoaders(db, actor, audit),
  profile: personProfileParts,
});
