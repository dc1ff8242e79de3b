import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../src/shared/project-root";

/** `npm run build` as package.json defines it (what prestart, prepare and pretest run). */
function build(): void {
  const run = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build"], { cwd: projectRoot(), encoding: "utf8", timeout: 180_000 });
  if (run.status !== 0) throw new Error(`npm run build failed (${run.status}): ${run.stdout}${run.stderr}`);
}

const mtimeOf = (file: string) => fs.statSync(path.join(projectRoot(), file)).mtimeMs;

// `npm start` builds first (prestart): with dist/ up to date that build must write nothing, or
// every start pays for a full compilation.
describe("npm run build with dist/ up to date", () => {
  it("rewrites nothing the second time", () => {
    build();
    const before = { main: mtimeOf("dist/src/main.js"), cli: mtimeOf("dist/src/cli/main.js"), info: mtimeOf("dist/tsconfig.build.tsbuildinfo") };
    build();
    expect({ main: mtimeOf("dist/src/main.js"), cli: mtimeOf("dist/src/cli/main.js"), info: mtimeOf("dist/tsconfig.build.tsbuildinfo") }).toEqual(before);
  });
});
