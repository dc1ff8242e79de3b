import { Agency } from "./agency/agency.entity";
import { Enterprise } from "./enterprise/enterprise.entity";
import { Penalty } from "./penalty/penalty.entity";
import { Person } from "./person/person.entity";
import { ResponsiblePerson } from "./person/responsible-person.entity";

/** Every TypeORM entity; kept apart from the resolvers so the data source needs no GraphQL. */
export const entities = [Agency, Enterprise, Person, ResponsiblePerson, Penalty];
