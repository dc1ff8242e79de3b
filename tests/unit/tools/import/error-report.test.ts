import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ErrorReport } from "../../../../src/tools/import/error-report";

describe("the import error report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-report-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("waits for the file to take what it was given before it buffers more", async () => {
    const report = new ErrorReport(path.join(dir, "many.csv"));
    const message = "x".repeat(200);
    let mostBuffered = 0;
    for (let line = 2; line < 20_000; line++) {
      await report.add({ line, field: "credit_code", message });
      const out = (report as any).out as fs.WriteStream;
      mostBuffered = Math.max(mostBuffered, out.writableLength - out.writableHighWaterMark);
    }
    // Without waiting for drain, the 4 MB of rows would pile up in memory while the disk catches up.
    expect(mostBuffered).toBeLessThan(1_000);
    expect(await report.close()).toBe(path.join(dir, "many.csv"));
    const lines = fs.readFileSync(path.join(dir, "many.csv"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(20_000 - 2 + 1);
    expect(lines[0]).toBe("line,field,message");
    expect(lines.at(-1)).toBe(`19999,credit_code,${message}`);
  });

  it("fails the import when the report cannot be written, instead of crashing the process", async () => {
    const report = new ErrorReport(path.join(dir, "no-such-dir", "x.csv"));
    await report.add({ line: 2, field: "type", message: "bad" });
    await expect(report.close()).rejects.toThrow(/ENOENT/);
  });

  it("removes the report of an earlier run when this run refused nothing", async () => {
    const file = path.join(dir, "stale.csv");
    fs.writeFileSync(file, "line,field,message\n2,type,old\n");
    expect(await new ErrorReport(file).close()).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });
});
