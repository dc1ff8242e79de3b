import { type GraphQLSchema, isObjectType } from "graphql";
import type { Actor } from "../../auth/actor";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { type Audience, EVERYONE, READ_POLICY, WRITE_POLICY } from "../../auth/policy";
import type { Access, CatalogueItem } from "./catalogue.type";
import { CATEGORY_OF_TYPE, MASKED_ITEMS, PRODUCED_BY } from "./catalogue.rules";

// Paging and wrapping types carry no information of their own.
const PLUMBING = /(Edge|Connection)$|^PageInfo$/;

/** The audience a caller reads the root as (a subject is SUBJECT there; its row rules keep it to its own). */
const audienceOf = (actor: Actor): Audience => (actor.kind === "agency" ? actor.department : actor.kind === "subject" ? "SUBJECT" : "PUBLIC");

/**
 * The credit information catalogue, generated from the permission matrix (READ_POLICY and
 * WRITE_POLICY) and the schema's descriptions: it lists exactly the audiences the shield lets
 * through, so the two cannot disagree.
 */
export class CatalogueService {
  private cache: { schema: GraphQLSchema; items: CatalogueItem[] } | null = null;

  items(schema: GraphQLSchema): CatalogueItem[] {
    if (this.cache?.schema === schema) return this.cache.items;
    const items: CatalogueItem[] = [];
    for (const [type, fields] of Object.entries(READ_POLICY)) {
      if (PLUMBING.test(type)) continue;
      const graphqlType = schema.getType(type);
      const schemaFields = graphqlType && isObjectType(graphqlType) ? graphqlType.getFields() : {};
      const producers = [...new Set((PRODUCED_BY[type] ?? []).flatMap((m) => WRITE_POLICY[m] ?? []))]
        .filter((d): d is Department => (DEPARTMENTS as readonly string[]).includes(d));
      for (const [field, audiences] of Object.entries(fields)) {
        const item = `${type}.${field}`;
        const description = schemaFields[field]?.description?.split("\n")[0];
        const sorted = EVERYONE.filter((a) => audiences.includes(a));
        items.push({
          item,
          title: description || field,
          category: CATEGORY_OF_TYPE[type] ?? "SERVICE",
          producers,
          audiences: sorted,
          disclosure: sorted.includes("PUBLIC") ? "PUBLIC" : DEPARTMENTS.every((d) => sorted.includes(d)) ? "SHARED" : "RESTRICTED",
          masked: MASKED_ITEMS.has(item),
        });
      }
    }
    this.cache = { schema, items };
    return items;
  }

  access(actor: Actor, schema: GraphQLSchema): Access {
    const audience = audienceOf(actor);
    const readable = this.items(schema).filter((i) => i.audiences.includes(audience)).map((i) => i.item);
    const writable = Object.entries(WRITE_POLICY)
      .filter(([, writers]) => writers.includes("PUBLIC") || (actor.kind === "subject"
        ? writers.includes("SUBJECT")
        : actor.kind === "agency" && actor.scopes.includes("write") && writers.includes(actor.department)))
      .map(([m]) => m);
    return { audience, readable, writable };
  }
}
