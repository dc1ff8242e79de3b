// Baseline for the profile benchmark (tests/bench/run.ts): PostGraphile v5 serving the same data set
// and fields as the hub's profile operation (operations/profile.postgraphile.graphql), so that
// the hub can be compared with a generic schema-from-database GraphQL server that compiles each
// request into SQL. Plain ESM (not compiled by tsc). Before starting it, run setup.sql
// on the database: it adds the hub's derived fields as computed columns in schema postgraphile_bench.
// Runs in production mode with PostGraphile's recommended settings (below). Env: DATABASE_URL. Prints "READY http://127.0.0.1:<port>" once listening; SIGTERM stops it.
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
const { Pool } = (await import("pg")).default;
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

// Production mode, as PostGraphile v5's and Grafast's "Production Considerations" pages set it out:
// - GRAPHILE_ENV=production (servers.ts; NODE_ENV=production too): Grafast's development mode adds
//   checks that make planning "significantly more expensive".
// - The amber preset, the one v5 recommends (the CLI's default `--preset postgraphile/presets/amber`).
// - Grafserv with its node:http adaptor (postgraphile/grafserv/node), as the docs' library mode.
// - No GraphiQL (Ruru), no watch mode (it installs fixtures and re-introspects on DDL), no explain
//   (it would plan and return SQL/plan diagrams in `extensions`), no GraphQL over GET, no websockets.
// - Planning and execution timeouts, the production page's recommendation (500 ms / 30 s): they
//   only cost a clock read, and a production server would have them.
// - Its own pg.Pool, passed to makePgService as the production page shows for statement_timeout:
//   the timeout is set once per connection (pg's startup parameter) rather than in a transaction per
//   request through pgSettings, which would add BEGIN / set_config / COMMIT round trips to every
//   request. The same settings as the hub's pool (src/db/data-source.ts: max 10 = DB_POOL_MAX,
//   15 s statement timeout, 30 s idle-in-transaction timeout, 10 s idle) and the raw handler's size,
//   with error listeners on the pool and its clients as the docs' example has (noop).
// - No pgSettings, no JWT, no RBAC roles: like the hub and the raw handler, one database role.
// - No query log: v5 has no per-request log (v4's `disableQueryLog` is gone; its SQL log is only
//   DEBUG=@dataplan/pg:PgExecutor*, left unset), the same as the hub run with LOG_LEVEL=silent.
//   The hub's access log is an audit record and is measured on and off separately.
// - pubsub off: no subscriptions here, so no LISTEN connection held out of the pool.
const noop = () => {};
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  idleTimeoutMillis: 10_000,
  connectionTimeoutMillis: 5_000,
  statement_timeout: 15_000,
  idle_in_transaction_session_timeout: 30_000,
  application_name: "postgraphile-bench",
});
pool.on("error", noop);
pool.on("connect", (client) => client.on("error", noop));

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [ResponsiblePersonCurrentPlugin, ResponsiblePersonOrderPlugin],
  pgServices: [makePgService({ pool, schemas: ["public", "postgraphile_bench"], pubsub: false })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, graphiqlOnGraphQLGET: false, watch: false, graphqlOverGET: false, websockets: false },
  grafast: { explain: false, timeouts: { planning: 500, execution: 30_000 } },
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
  pgl
    .release()
    .then(() => (pool.ended ? undefined : pool.end()))
    .then(() => process.exit(0), () => process.exit(1));
});
