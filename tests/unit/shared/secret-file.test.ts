import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSecretFileOnce } from "../../../src/shared/secret-file";

describe("createSecretFileOnce", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-file-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a new owner-only file in a new owner-only folder, once, leaving nothing else", () => {
    const file = path.join(dir, "keys", "a.key");
    expect(createSecretFileOnce(file, () => "first")).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const again = jest.fn(() => "second");
    expect(createSecretFileOnce(file, again)).toBe(false);
    expect(again).not.toHaveBeenCalled();
    expect(fs.readFileSync(file, "utf8")).toBe("first");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["a.key"]);
  });

  it("keeps the file another process made between the check and the link, and removes its own draft", () => {
    const file = path.join(dir, "b.key");
    const made = createSecretFileOnce(file, () => {
      fs.writeFileSync(file, "theirs");
      return "mine";
    });
    expect(made).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe("theirs");
    expect(fs.readdirSync(dir)).toEqual(["b.key"]);
  });
});
