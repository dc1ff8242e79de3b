import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { DomainError } from "../../../../src/shared/errors";
import { GbkCheck, Utf8Check } from "../../../../src/tools/import/encoding-check";
import type { EncodingChoice } from "../../../../src/tools/import/encodings";
import { chooseEncoding, decodedStream } from "../../../../src/tools/import/file-encoding";

/** Feeds `bytes` to a check in pieces of `size` bytes, so sequences and CR LF pairs are split across chunks. */
function inPieces<C extends { push(chunk: Buffer): void }>(check: C, bytes: Buffer, size: number): C {
  for (let i = 0; i < bytes.length; i += size) check.push(bytes.subarray(i, i + size));
  return check;
}

describe("the UTF-8 check", () => {
  it("accepts exactly what Node's UTF-8 decoder accepts, however the bytes are split", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5_000; n++) {
      const bytes = Buffer.from(Array.from({ length: 1 + (n % 8) }, () => (random() < 0.6 ? 0x80 + Math.floor(random() * 128) : Math.floor(random() * 256))));
      const whole = new Utf8Check();
      whole.push(bytes);
      const split = inPieces(new Utf8Check(), bytes, 1);
      expect([whole.end().firstBadLine === null, split.end().firstBadLine === null]).toEqual([isUtf8(bytes), isUtf8(bytes)]);
    }
  });

  it("names the line of the first bad sequence, counting LF, CR LF and a lone CR as one line break each", () => {
    const bytes = Buffer.concat([Buffer.from("header\r\n法院\rx\n"), Buffer.from([0xe6, 0xb3]), Buffer.from("\nok\n"), Buffer.from([0xff])]);
    for (const size of [1, 2, 3, 1 << 20]) {
      // Line 4 ends in a sequence cut short by its line break; line 6 has a byte no UTF-8 text holds.
      expect(inPieces(new Utf8Check(), bytes, size).end()).toEqual({ firstBadLine: 4, badLines: 2, textLines: 1 });
    }
  });

  it("counts a sequence cut short by the end of the file against the last line", () => {
    expect(inPieces(new Utf8Check(), Buffer.concat([Buffer.from("a\nb\n"), Buffer.from([0xe6])]), 1).end()).toMatchObject({ firstBadLine: 3 });
  });
});

describe("the GBK check", () => {
  it("accepts GBK text split anywhere, and names the line of a byte it cannot map", () => {
    const good = iconv.encode("credit_code,source\r\nx,南京市中级人民法院\r\ny,€税务\n", "gbk");
    for (const size of [1, 3, 1 << 20]) expect(inPieces(new GbkCheck(), good, size).end()).toBeNull();
    const stray = Buffer.concat([good, iconv.encode("z,人社", "gbk"), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(inPieces(new GbkCheck(), stray, 2).end()).toBe(4);
    // A lead byte whose second byte is the line break: the character is cut short on line 2.
    expect(new GbkCheck().end()).toBeNull();
    const cut = new GbkCheck();
    cut.push(Buffer.concat([Buffer.from("h\nx,"), Buffer.from([0xb7]), Buffer.from("\ny\n")]));
    expect(cut.end()).toBe(2);
  });
});

describe("choosing a file's encoding", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-encoding-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const file = (bytes: Buffer) => {
    const f = path.join(dir, `f${n++}.csv`);
    fs.writeFileSync(f, bytes);
    return f;
  };
  const refusal = async (f: string, requested: EncodingChoice) => {
    const err = await chooseEncoding(f, requested).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).field).toBe("encoding");
    return (err as DomainError).message;
  };
  const lines = (...l: string[]) => l.join("\n");
  const gbk = file(iconv.encode(lines("a,b", "1,2", "3,南京化工", "4,法院"), "gbk"));

  it("reads valid UTF-8 and a file with a UTF-8 byte order mark as UTF-8", async () => {
    expect(await chooseEncoding(file(Buffer.from(lines("a,b", "1,南京"))), "auto")).toEqual({ encoding: "utf8", note: "encoding: UTF-8 (detected)" });
    const bom = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a,b\n1,2")]));
    expect(await chooseEncoding(bom, "auto")).toEqual({ encoding: "utf8", note: "encoding: UTF-8 (byte order mark)" });
    expect((await chooseEncoding(bom, "utf8")).encoding).toBe("utf8");
    expect(await refusal(bom, "gbk")).toMatch(/starts with a UTF-8 byte order mark, so it is UTF-8, not GBK; import it with --encoding utf8/);
  });

  it("reads a file that is not UTF-8 as GBK under auto, and refuses it under --encoding utf8 naming the line", async () => {
    expect(await chooseEncoding(gbk, "auto")).toEqual({ encoding: "gbk", note: "encoding: GBK (detected: line 3 is the first that is not UTF-8)" });
    expect((await chooseEncoding(gbk, "gbk")).encoding).toBe("gbk");
    expect(await refusal(gbk, "utf8")).toBe(`${gbk}: line 3 is not valid UTF-8 (try --encoding gbk); nothing was imported.`);
  });

  it("keeps a mostly UTF-8 file with a damaged line as UTF-8, saying which rows will be refused", async () => {
    const mixed = file(Buffer.concat([Buffer.from(lines("a,b", "1,法院", "2,税务", "3,")), iconv.encode("人社", "gbk"), Buffer.from("\n4,法院\n")]));
    expect(await chooseEncoding(mixed, "auto")).toEqual({
      encoding: "utf8",
      note: "encoding: UTF-8 (detected), but 1 line holds bytes that are not UTF-8 (the first is line 4); their rows are refused. If the whole file is GBK, import it again with --encoding gbk.",
    });
  });

  it("refuses a file that is neither UTF-8 nor GBK, and UTF-16 whatever the encoding asked for", async () => {
    const neither = file(Buffer.concat([Buffer.from("a,b\n1,"), Buffer.from([0xb7, 0xa8]), Buffer.from("\n2,"), Buffer.from([0xff]), Buffer.from("\n")]));
    expect(await refusal(neither, "auto")).toMatch(/neither UTF-8 \(line 2 is not valid UTF-8\) nor GBK \(line 3 is not valid GBK\); save it as UTF-8/);
    expect(await refusal(neither, "gbk")).toBe(`${neither}: line 3 is not valid GBK (try --encoding utf8); nothing was imported.`);
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const utf16 = file(Buffer.concat([Buffer.from(bom), Buffer.from("a,b\n", "utf16le")]));
      for (const requested of ["auto", "utf8", "gbk"] as const) expect(await refusal(utf16, requested)).toMatch(/is saved as UTF-16 .*save it as UTF-8 \(CSV UTF-8 in Excel\) or GBK/);
    }
  });

  it("decodes GBK for csv-parse as UTF-8 text, characters split across chunks included", async () => {
    const text = lines("a,b", "1,南京化工", "2,€法院");
    const bytes = iconv.encode(text, "gbk");
    const pieces = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const out: Buffer[] = [];
    for await (const chunk of decodedStream(Readable.from(pieces, { objectMode: false }), "gbk")) out.push(chunk as Buffer);
    expect(Buffer.concat(out).toString("utf8")).toBe(text);
  });
});
