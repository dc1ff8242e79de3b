// Baseline for the profile benchmark (tests/bench/run.ts): PostGraphile v5 serving the same data set
// and fields as the hub's profile operation (operations/profile.postgraphile.graphql), so that
// the hub can be compared with a generic schema-from-database GraphQL server that compiles each
// request into SQL. Plain ESM (not compiled by tsc). Before starting it, run setup.sql
// on the database: it adds the hub's derived fields as computed columns in schema postgraphile_bench.
// Env: DATABASE_URL. Prints "READY http://127.0.0.1:<port>" once listening; SIGTERM stops it.
import http from "node:http";
import process from "node:process";

// Node 20 lacks Promise.withResolvers (Node 22+), which grafast and grafserv call on every request.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

// Imported after the stand-in is installed (static imports would be evaluated before it).
const { postgraphile } = await import("postgraphile");
const { PostGraphileAmberPreset } = await import("postgraphile/presets/amber");
const { makePgService } = await import("postgraphile/adaptors/pg");
const { grafserv } = await import("postgraphile/grafserv/node");
const { addPgTableCondition, addPgTableOrderBy } = await import("postgraphile/utils");

// Enterprise.responsiblePersons as the hub reads it: current holders (condition `current: true`) in
// RESPONSIBLE_PERSON_ORDER (orderBy HUB_ORDER). On the relation, not in a setof function, so that
// PostGraphile joins the person into the same statement (it won't join into a function's rows).
const responsiblePerson = { schemaName: "public", tableName: "responsible_person" };
const ResponsiblePersonCurrentPlugin = addPgTableCondition(
  responsiblePerson,
  "current",
  (build) => ({ type: build.graphql.GraphQLBoolean }),
  (value, { sql, sqlTableAlias }) => (value == null ? null : value ? sql`${sqlTableAlias}.until IS NULL` : sql`${sqlTableAlias}.until IS NOT NULL`),
);
const ResponsiblePersonOrderPlugin = addPgTableOrderBy(responsiblePerson, ({ sql, dataplanPg: { TYPES } }) => ({
  HUB_ORDER: {
    extensions: {
      grafast: {
        apply(qb) {
          const roles = sql`ARRAY['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD', 'DIRECTLY_RESPONSIBLE']`;
          qb.orderBy({ fragment: sql`array_position(${roles}, ${qb.alias}.role)`, codec: TYPES.int, direction: "ASC" });
          qb.orderBy({ attribute: "until", direction: "DESC", nulls: "FIRST", nullable: true });
          qb.orderBy({ attribute: "since", direction: "DESC", nulls: "LAST", nullable: true });
          qb.orderBy({ attribute: "id", direction: "ASC" });
          qb.setOrderIsUnique();
        },
      },
    },
  },
}));

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [ResponsiblePersonCurrentPlugin, ResponsiblePersonOrderPlugin],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public", "postgraphile_bench"],
      poolConfig: { max: 10 }, // as the hub's pool
      pubsub: false, // no subscriptions: no LISTEN connection
    }),
  ],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false, graphqlOverGET: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
await pgl.getSchema(); // introspect and build before announcing READY
const server = http.createServer();
serv.addTo(server);
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  pgl.release().then(() => process.exit(0), () => process.exit(1));
});
