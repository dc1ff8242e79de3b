import { readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

const root = join(__dirname, "../../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[] }> };

/** Every x.y.0 release line from Node 18 to 30, and the Node running this test. */
const candidates = [...Array.from({ length: 13 }, (_, k) => 18 + k).flatMap((major) => Array.from({ length: 30 }, (_, minor) => `${major}.${minor}.0`)), process.versions.node];

/**
 * `npm install` warns (EBADENGINE) when a locked package does not support the running Node. The
 * hub promises the Node versions in package.json's engines: on every one of them, every package
 * in the lock must accept it (the first wave's `>=20.19` admitted 22.0–22.12 and 24.0–24.10, on
 * which typeorm warns).
 */
describe("the Node versions package.json promises", () => {
  it("are accepted by every locked package, and include Node 20 and the current LTS", () => {
    const promised = candidates.filter((v) => semver.satisfies(v, manifest.engines.node));
    expect(promised).toEqual(expect.arrayContaining(["20.19.0", "24.11.0"]));
    const refusals: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || !range) continue;
      const refused = promised.filter((v) => !semver.satisfies(v, range));
      if (refused.length) refusals.push(`${path.replace(/^.*node_modules\//, "")} (${range}) refuses ${refused[0]}`);
    }
    expect(refusals).toEqual([]);
  });

  it("include the Node running the tests", () => {
    expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
  });
});
