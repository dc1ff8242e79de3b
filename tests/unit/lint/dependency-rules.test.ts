import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../../../src/shared/project-root";

// Runs the repository's .dependency-cruiser.cjs (what `npm run lint:deps` runs) on small trees
// with the same folder names, planted in a temporary folder: a clean one, and one with a file
// for each kind of violation.

const ROOT = projectRoot();
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

type Tree = Record<string, string>;
type Violation = { rule: { name: string; severity: string }; from: string; to: string; cycle?: { name: string }[] };
// errors: the count that `--output-type err-long` (the lint script) exits with; the json output itself exits 0.
type Cruise = { errors: number; violations: Violation[] };

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10", strict: true },
  include: ["src", "migrations"],
});

/** Every layer, each importing only what it may: layer 1 (shared, config, db, migrations), auth, modules, tools, server, cli, main. */
const CLEAN: Tree = {
  "tsconfig.json": TSCONFIG,
  "src/shared/clock.ts": `export const now = (): Date => new Date();\n`,
  "src/shared/text.ts": `import { now } from "./clock";\nexport const stamp = (): string => now().toISOString();\n`,
  "src/config.ts": `import { stamp } from "./shared/text";\nexport type Config = { startedAt: string };\nexport const config: Config = { startedAt: stamp() };\n`,
  "migrations/1-initial.ts": `export class Initial1 {\n  name = "Initial1";\n}\n`,
  "migrations/index.ts": `import { Initial1 } from "./1-initial";\nexport const migrations = [Initial1];\n`,
  "src/db/pool.ts":
    `import type { Config } from "../config";\nimport { migrations } from "../../migrations";\nimport { now } from "../shared/clock";\n` +
    `export const open = (config: Config) => ({ config, migrations, at: now() });\n`,
  "src/db/transaction.ts": `import { open } from "./pool";\nexport const inTransaction = open;\n`,
  "src/auth/actor.ts": `import type { Config } from "../config";\nimport { inTransaction } from "../db/transaction";\nexport type Actor = { id: string; config: Config };\nexport const load = inTransaction;\n`,
  "src/modules/a/a.service.ts":
    `import type { Actor } from "../../auth/actor";\nimport { b } from "../b/b.service";\nexport const a = (actor: Actor): string => b(actor.id);\n`,
  "src/modules/b/b.service.ts": `import { stamp } from "../../shared/text";\nexport const b = (id: string): string => id + stamp();\n`,
  "src/modules/index.ts": `export { a } from "./a/a.service";\nexport { b } from "./b/b.service";\n`,
  "src/server/context.ts": `import { a } from "../modules";\nimport type { Actor } from "../auth/actor";\nexport const context = (actor: Actor) => a(actor);\n`,
  "src/server/http.ts": `import { context } from "./context";\nimport { seed } from "../tools/seed";\nexport const serve = context;\nexport const demo = seed;\n`,
  "src/tools/seed.ts": `import { b } from "../modules/b/b.service";\nimport { config } from "../config";\nexport const seed = () => b(config.startedAt);\n`,
  "src/cli/main.ts": `import { serve } from "../server/http";\nimport { seed } from "../tools/seed";\nexport const cli = { serve, seed };\n`,
  "src/main.ts": `import { cli } from "./cli/main";\nimport { serve } from "./server/http";\nimport { seed } from "./tools/seed";\nexport default { cli, serve, seed };\n`,
};

/** The clean tree plus one file (or pair of files) for each violation. */
const PLANTED: Tree = {
  ...CLEAN,
  // (b) a cycle between two sibling modules
  "src/modules/a/cycle-a.ts": `import { fromB } from "../b/cycle-b";\nexport const fromA = (): number => fromB() + 1;\n`,
  "src/modules/b/cycle-b.ts": `import { fromA } from "../a/cycle-a";\nexport const fromB = (): number => (Math.random() > 2 ? fromA() : 0);\n`,
  // (c) a cycle made only of type imports (TypeScript erases both)
  "src/modules/a/type-a.ts": `import type { B } from "../b/type-b";\nexport type A = { b?: B };\n`,
  "src/modules/b/type-b.ts": `import type { A } from "../a/type-a";\nexport type B = { a?: A };\n`,
  // (d) upward imports
  "src/shared/up-to-server.ts": `import { serve } from "../server/http";\nexport const up = serve;\n`,
  "src/auth/up-to-modules.ts": `import type { a } from "../modules/a/a.service";\nexport type Up = typeof a;\n`,
  "src/modules/b/up-to-server.ts": `import type { context } from "../../server/context";\nexport type Up = typeof context;\n`,
  "src/modules/a/up-to-tools.ts": `import { seed } from "../../tools/seed";\nexport const up = seed;\n`,
  "src/tools/up-to-server.ts": `import { serve } from "../server/http";\nexport const up = serve;\n`,
  // migrations and tests
  "src/server/loads-migrations.ts": `import { migrations } from "../../migrations";\nexport const all = migrations;\n`,
  "src/db/one-migration.ts": `import { Initial1 } from "../../migrations/1-initial";\nexport const first = Initial1;\n`,
  "tests/helper.ts": `export const helper = 1;\n`,
  "src/server/imports-tests.ts": `import { helper } from "../../tests/helper";\nexport const h = helper;\n`,
};

function plant(dir: string, tree: Tree): void {
  for (const [file, text] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

/** `depcruise src migrations` with the repository's config, as `npm run lint:deps` runs it. */
function cruise(dir: string): Promise<Cruise> {
  const args = [DEPCRUISE, "src", "migrations", "--config", CONFIG, "--output-type", "json"];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`dependency-cruiser failed in ${dir}: ${err.message}\n${stderr}`));
      const { summary } = JSON.parse(stdout) as { summary: { error: number; violations: Violation[] } };
      resolve({ errors: summary.error, violations: summary.violations });
    });
  });
}

/** "rule: from → to"; for a cycle, the files in it (dependency-cruiser reports a cycle once, from one of them). */
const brief = (v: Violation): string =>
  v.cycle ? `${v.rule.name}: ${[...new Set([v.from, ...v.cycle.map((step) => step.name)])].sort().join(" ⇄ ")}` : `${v.rule.name}: ${v.from} → ${v.to}`;

describe("dependency rules (.dependency-cruiser.cjs)", () => {
  let tmp: string;
  let clean: Cruise;
  let planted: Cruise;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dependency-rules-"));
    plant(path.join(tmp, "clean"), CLEAN);
    plant(path.join(tmp, "planted"), PLANTED);
    // About a second each, mostly loading TypeScript; the two run side by side.
    [clean, planted] = await Promise.all([cruise(path.join(tmp, "clean")), cruise(path.join(tmp, "planted"))]);
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("finds nothing in a tree that keeps to the layers", () => {
    expect(clean.violations.map(brief)).toEqual([]);
    expect(clean.errors).toBe(0);
  });

  it("reports a cycle between two sibling modules as no-circular", () => {
    const cycles = planted.violations.filter((v) => v.rule.name === "no-circular").map(brief);
    expect(cycles).toContain("no-circular: src/modules/a/cycle-a.ts ⇄ src/modules/b/cycle-b.ts");
    expect(planted.violations.find((v) => v.from === "src/modules/a/cycle-a.ts")?.rule.severity).toBe("error");
  });

  it("reports a cycle of type-only imports too", () => {
    const cycles = planted.violations.filter((v) => v.rule.name === "no-circular").map(brief);
    expect(cycles).toContain("no-circular: src/modules/a/type-a.ts ⇄ src/modules/b/type-b.ts");
  });

  it.each([
    ["shared-not-to-server", "src/shared/up-to-server.ts", "src/server/http.ts"],
    ["auth-not-to-modules", "src/auth/up-to-modules.ts", "src/modules/a/a.service.ts"],
    ["modules-not-to-server", "src/modules/b/up-to-server.ts", "src/server/context.ts"],
    ["modules-not-to-tools", "src/modules/a/up-to-tools.ts", "src/tools/seed.ts"],
    ["tools-not-to-server", "src/tools/up-to-server.ts", "src/server/http.ts"],
  ])("reports an upward import by %s: %s → %s", (rule, from, to) => {
    expect(planted.violations.filter((v) => v.from === from).map(brief)).toEqual([`${rule}: ${from} → ${to}`]);
  });

  it("keeps the migrations to src/db through migrations/index.ts, and src away from tests/", () => {
    expect(planted.violations.map(brief)).toEqual(
      expect.arrayContaining([
        "migrations-only-from-db: src/server/loads-migrations.ts → migrations/index.ts",
        "migrations-through-index: src/db/one-migration.ts → migrations/1-initial.ts",
        "src-not-to-tests: src/server/imports-tests.ts → tests/helper.ts",
      ]),
    );
  });

  it("reports nothing but the planted violations, each as an error", () => {
    expect(planted.violations.map(brief).sort()).toEqual(
      [
        "no-circular: src/modules/a/cycle-a.ts ⇄ src/modules/b/cycle-b.ts",
        "no-circular: src/modules/a/type-a.ts ⇄ src/modules/b/type-b.ts",
        "shared-not-to-server: src/shared/up-to-server.ts → src/server/http.ts",
        "auth-not-to-modules: src/auth/up-to-modules.ts → src/modules/a/a.service.ts",
        "modules-not-to-server: src/modules/b/up-to-server.ts → src/server/context.ts",
        "modules-not-to-tools: src/modules/a/up-to-tools.ts → src/tools/seed.ts",
        "tools-not-to-server: src/tools/up-to-server.ts → src/server/http.ts",
        "migrations-only-from-db: src/server/loads-migrations.ts → migrations/index.ts",
        "migrations-through-index: src/db/one-migration.ts → migrations/1-initial.ts",
        "src-not-to-tests: src/server/imports-tests.ts → tests/helper.ts",
      ].sort(),
    );
    expect(planted.errors).toBe(planted.violations.length);
  });
});
