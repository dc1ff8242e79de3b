import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PASS_THROUGH } from "../../../src/server/format-error";
import { ErrorCode } from "../../../src/shared/errors";

const root = join(__dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every extensions.code the hub can answer: its own codes, those it passes through from Apollo, and literal ones in src. */
function codesTheHubReturns(): Set<string> {
  const codes = new Set<string>([...Object.values(ErrorCode), ...PASS_THROUGH]);
  for (const file of sources(join(root, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bcode: "([A-Z][A-Z_]+)"/g)) codes.add(m[1]);
    // The HTTP layer's own refusals: refuse(status, "CODE", …).
    for (const m of text.matchAll(/\brefuse\(\d{3}, "([A-Z][A-Z_]+)"/g)) codes.add(m[1]);
  }
  return codes;
}

/** The codes in the README's error table (Integrating → Errors). */
function codesInReadme(): Set<string> {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = /### Errors\n([\s\S]*?)\n### /.exec(readme)?.[1] ?? "";
  return new Set([...section.matchAll(/^\| `([A-Z][A-Z_]+)` \|/gm)].map((m) => m[1]));
}

describe("the README's error-code table", () => {
  it("names every code the hub returns, and no code it does not", () => {
    const returned = codesTheHubReturns();
    const documented = codesInReadme();
    expect(documented.size).toBeGreaterThan(10);
    expect([...returned].filter((c) => !documented.has(c)).sort()).toEqual([]);
    expect([...documented].filter((c) => !returned.has(c)).sort()).toEqual([]);
  });
});
