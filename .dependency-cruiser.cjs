// Dependency rules for src/ (run by `npm run lint:deps`, part of `npm run lint`).
//
// Layers, bottom to top; nothing imports upwards, not even a type (`import type` counts:
// tsPreCompilationDeps keeps the imports that TypeScript erases):
//   1. src/shared/**, src/config.ts, src/db/**
//        shared imports only shared; config.ts imports shared; db imports shared, config and db
//   2. src/auth/**       imports layer 1 and auth
//   3. src/modules/**    imports layers 1-2 and modules (siblings allowed, cycles not)
//   4. src/tools/**      imports layers 1-3 and tools (demo data, CSV import: not domains)
//   5. src/server/**     imports layers 1-4 and server
//      src/cli/**        imports layers 1-4, server and cli
//   6. src/main.ts       imports anything
// No cycles anywhere, type-only imports included. src/ never imports tests/. The migrations are
// loaded by src/db/data-source.ts through migrations/index.ts, and import nothing from src/.
//
// tests/unit/lint/dependency-rules.test.ts runs this file against a small planted tree.

const area = {
  shared: "^src/shared/",
  config: "^src/config\\.ts$",
  db: "^src/db/",
  auth: "^src/auth/",
  modules: "^src/modules/",
  server: "^src/server/",
  tools: "^src/tools/",
  cli: "^src/cli/",
  main: "^src/main\\.ts$",
};

const label = {
  shared: "src/shared",
  config: "src/config.ts",
  db: "src/db",
  auth: "src/auth",
  modules: "src/modules",
  server: "src/server",
  tools: "src/tools",
  cli: "src/cli",
  main: "src/main.ts",
};

// For each area, the areas above it (or beside it) that it must not import, and why.
const why = {
  shared: "src/shared is the bottom layer: it imports only src/shared and node/npm packages",
  config: "src/config.ts is in the bottom layer: it imports only src/shared",
  db: "src/db is in the bottom layer: it imports only src/shared, src/config.ts and src/db",
  auth: "auth sits below the modules, the server, the cli and the tools: it imports only src/shared, src/config.ts, src/db and src/auth",
  modules: "the modules sit below the server, the cli and the tools: they import only layers 1-2 and src/modules",
  server: "the server sits beside the cli, below main.ts: it imports only layers 1-4 (shared, config, db, auth, modules, tools) and src/server",
  tools: "the tools sit above the modules and below the server and the cli: they import only layers 1-3 and src/tools",
  cli: "the cli sits below main.ts: it imports layers 1-4, src/server and src/cli",
};

const forbiddenTargets = {
  shared: ["config", "db", "auth", "modules", "server", "tools", "cli", "main"],
  config: ["db", "auth", "modules", "server", "tools", "cli", "main"],
  db: ["auth", "modules", "server", "tools", "cli", "main"],
  auth: ["modules", "server", "tools", "cli", "main"],
  modules: ["server", "tools", "cli", "main"],
  server: ["cli", "main"],
  tools: ["server", "cli", "main"],
  cli: ["main"],
};

const layerRules = Object.entries(forbiddenTargets).flatMap(([from, targets]) =>
  targets.map((to) => ({
    name: `${from}-not-to-${to}`,
    severity: "error",
    comment: `${label[from]} must not import ${label[to]}: ${why[from]}`,
    from: { path: area[from] },
    to: { path: area[to] },
  })),
);

const everyArea = Object.values(area).join("|");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "import cycle: the files below import each other, directly or through others (type-only imports count); " +
        "break it by moving the shared piece down a layer or into its own file",
      from: { path: "^(src|migrations)/" },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "src-outside-layers",
      severity: "error",
      comment:
        "every file under src/ belongs to a layer (src/shared, src/config.ts, src/db, src/auth, src/modules, " +
        "src/server, src/tools, src/cli, src/main.ts); put it in one, or add its folder to .dependency-cruiser.cjs",
      from: { path: "^src/" },
      to: { path: "^src/", pathNot: everyArea },
    },
    {
      name: "src-not-to-tests",
      severity: "error",
      comment: "src/ and migrations/ must never import tests/: tests sit on top and are not shipped",
      from: { path: "^(src|migrations)/" },
      to: { path: "^tests/" },
    },
    {
      name: "migrations-only-from-db",
      severity: "error",
      comment: "only src/db loads the migrations (src/db/data-source.ts); the rest of src/ must not import migrations/",
      from: { path: "^src/", pathNot: area.db },
      to: { path: "^migrations/" },
    },
    {
      name: "migrations-through-index",
      severity: "error",
      comment:
        "src/db imports the migrations through migrations/index.ts, the one list that ts-jest and the compiled hub share; " +
        "not a migration file directly",
      from: { path: area.db },
      to: { path: "^migrations/", pathNot: "^migrations/index\\.ts$" },
    },
    {
      name: "migrations-not-to-src",
      severity: "error",
      comment:
        "a migration is frozen history: it must not import src/ (whose code changes later, and src/db loads the migrations); " +
        "use typeorm's types and SQL only",
      from: { path: "^migrations/" },
      to: { path: "^src/" },
    },
    {
      name: "src-not-outside",
      severity: "error",
      comment:
        "src/ imports only src/, migrations/index.ts (from src/db) and node/npm packages, " +
        "not bin/, dist/, schema/ or other files of the repository",
      from: { path: "^src/" },
      to: { dependencyTypes: ["local"], pathNot: "^(src|migrations|tests)/" },
    },
  ],
  options: {
    // Keeps `import type` and other imports that TypeScript erases: a type-only import still
    // counts as an import for the layers and the cycles.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "(^|/)node_modules/" },
    exclude: { path: "^dist/" },
  },
};
