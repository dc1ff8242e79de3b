import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../src/shared/project-root";

const MAIN = path.join(projectRoot(), "dist/src/cli/main.js");

/**
 * Runs the built `hub` (as bin/hub.js does) in its own process and returns what it printed, its
 * exit code, and every module it had loaded when it exited: the files of the project's dist/ and
 * the npm packages, by name.
 */
function hub(...args: string[]): { stdout: string; status: number | null; packages: string[]; files: string[] } {
  const script = `
    require("reflect-metadata");
    process.on("exit", () => process.stderr.write("\\nLOADED " + JSON.stringify(Object.keys(require.cache)) + "\\n"));
    require(process.env.HUB_CLI_MAIN).runCli(["node", "hub", ...JSON.parse(process.env.HUB_CLI_ARGS)]).catch((err) => {
      console.error(err);
      process.exit(1);
    });`;
  const run = spawnSync(process.execPath, ["-e", script], {
    cwd: projectRoot(),
    env: { ...process.env, HUB_CLI_MAIN: MAIN, HUB_CLI_ARGS: JSON.stringify(args), LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  const line = run.stderr.split("\n").find((l) => l.startsWith("LOADED "));
  if (!line) throw new Error(`hub ${args.join(" ")} printed no module list: ${run.stderr}`);
  const loaded: string[] = JSON.parse(line.slice("LOADED ".length));
  const packages = [...new Set(loaded.flatMap((p) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(p)?.[1].replaceAll("\\", "/") ?? []))];
  const files = loaded.filter((p) => !p.includes("node_modules")).map((p) => path.relative(projectRoot(), p).replaceAll("\\", "/"));
  return { stdout: run.stdout, status: run.status, packages, files };
}

/** What only running a command needs: the database, the ORM, the GraphQL server, the domains. */
const HEAVY_PACKAGES = ["typeorm", "@apollo/server", "pg", "@electric-sql/pglite", "zod"];
const COMMANDS = ["migrate", "agency", "subject", "refresh", "import", "report", "audit", "events", "generate", "catalogue", "demo-seed"];

describe("hub --help loads only the command definitions", () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does)`);
  });

  it("lists every command without loading TypeORM, Apollo, the database drivers or any domain module", () => {
    const { stdout, status, packages, files } = hub("--help");
    expect(status).toBe(0);
    for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
    expect(files.filter((f) => f.startsWith("dist/src/modules/") || f.startsWith("dist/src/db/") || f.startsWith("dist/src/server/"))).toEqual([]);
  });

  it("shows a command group's help the same way", () => {
    const { stdout, status, packages } = hub("agency", "--help");
    expect(status).toBe(0);
    for (const sub of ["create", "list", "revoke"]) expect(stdout).toMatch(new RegExp(`^  ${sub}\\b`, "m"));
    expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  });

  // The check above is only worth something if a command that does load them is seen doing so.
  it("sees the modules a command loads when it runs (hub catalogue builds the schema)", () => {
    const { stdout, status, packages, files } = hub("catalogue", "--format", "csv");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^item,title,category/);
    expect(packages).toEqual(expect.arrayContaining(["typeorm", "type-graphql"]));
    expect(files).toContain("dist/src/modules/index.js");
  });
});
