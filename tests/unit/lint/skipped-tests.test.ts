import fs from "node:fs";
import path from "node:path";

const TESTS = path.join(__dirname, "../..");
const HELPER = path.join(TESTS, "helpers/requires.ts");

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "output" ? [] : testFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("skipped tests", () => {
  it("are skipped only through tests/helpers/requires.ts, whose skipped names say why", () => {
    // it.skip, test.skip, describe.skip, xit, xdescribe, .todo: a gap that a run's summary would only count.
    const pattern = /\b(?:(?:it|test|describe)\.(?:skip|todo)|xit|xtest|xdescribe)\b/;
    const offenders = testFiles(TESTS)
      .filter((f) => f !== HELPER && f !== __filename)
      .flatMap((f) => fs.readFileSync(f, "utf8").split("\n").flatMap((line, i) => (pattern.test(line) ? [`${path.relative(TESTS, f)}:${i + 1}: ${line.trim()}`] : [])));
    expect(offenders).toEqual([]);
    expect(fs.readFileSync(HELPER, "utf8")).toMatch(/\[skipped: [^\]]+\]/);
  });
});
