import fs from "node:fs";
import { type Readable, Transform } from "node:stream";
import { getDecoder } from "iconv-lite";
import { badInput } from "../../shared/errors";
import { GbkCheck, Utf8Check, type Utf8Survey } from "./encoding-check";
import type { EncodingChoice, TextEncoding } from "./encodings";

/** How a file is read (the rules: ENCODING_HELP in encodings.ts). */
export interface ChosenEncoding {
  encoding: TextEncoding;
  /** One line for the person importing: which encoding and why. */
  note: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

async function head(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One streaming pass over the file; `stop` ends it early once the answer is known. */
async function scan<C extends { push(chunk: Buffer): void }>(file: string, check: C, stop: (check: C) => boolean): Promise<void> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) {
      check.push(chunk as Buffer);
      if (stop(check)) return;
    }
  } finally {
    input.destroy();
  }
}

async function surveyUtf8(file: string, untilFirstBad: boolean): Promise<Utf8Survey> {
  const check = new Utf8Check();
  await scan(file, check, (c) => untilFirstBad && c.firstBadLine !== null);
  return check.end();
}

async function firstBadGbkLine(file: string): Promise<number | null> {
  const check = new GbkCheck();
  await scan(file, check, (c) => c.firstBadLine !== null);
  return check.end();
}

const refused = (file: string, sentence: string) => badInput("encoding", `${file}: ${sentence}`);

/**
 * Decides how to read the file, reading it through first (streaming, only checking) so that a
 * file that is not valid in its encoding is refused before any row is written: the import commits
 * batch by batch, and a bad byte on the last line would otherwise come after rows were committed.
 * Throws a DomainError (field `encoding`) that says what to do instead.
 */
export async function chooseEncoding(file: string, requested: EncodingChoice): Promise<ChosenEncoding> {
  const start = await head(file);
  if (startsWith(start, [0xff, 0xfe]) || startsWith(start, [0xfe, 0xff])) {
    throw refused(file, `the file is saved as UTF-16 (it starts with a UTF-16 byte order mark), which the import does not read; save it as UTF-8 (CSV UTF-8 in Excel) or GBK and import it again. Nothing was imported.`);
  }
  const bom = startsWith(start, UTF8_BOM);

  if (requested === "gbk") {
    if (bom) throw refused(file, "the file starts with a UTF-8 byte order mark, so it is UTF-8, not GBK; import it with --encoding utf8 (or auto). Nothing was imported.");
    const bad = await firstBadGbkLine(file);
    if (bad !== null) throw refused(file, `line ${bad} is not valid GBK (try --encoding utf8); nothing was imported.`);
    return { encoding: "gbk", note: "encoding: GBK (--encoding gbk)" };
  }
  if (requested === "utf8") {
    const { firstBadLine } = await surveyUtf8(file, true);
    if (firstBadLine !== null) throw refused(file, `line ${firstBadLine} is not valid UTF-8 (try --encoding gbk); nothing was imported.`);
    return { encoding: "utf8", note: "encoding: UTF-8 (--encoding utf8)" };
  }

  // auto: every line is needed for the count of UTF-8 lines against bad ones.
  const utf8 = await surveyUtf8(file, false);
  const why = bom ? "byte order mark" : "detected";
  if (utf8.firstBadLine === null) return { encoding: "utf8", note: `encoding: UTF-8 (${why})` };
  // A file mostly in UTF-8 with a few damaged lines is UTF-8: read as GBK, its good lines would all
  // be garbled without a single row refused, which is how the mojibake this check exists for arose.
  if (bom || utf8.textLines > utf8.badLines) {
    const lines = utf8.badLines === 1 ? "1 line holds" : `${utf8.badLines} lines hold`;
    return {
      encoding: "utf8",
      note: `encoding: UTF-8 (${why}), but ${lines} bytes that are not UTF-8 (the first is line ${utf8.firstBadLine}); their rows are refused. If the whole file is GBK, import it again with --encoding gbk.`,
    };
  }
  const badGbk = await firstBadGbkLine(file);
  if (badGbk !== null) {
    throw refused(file, `the file is neither UTF-8 (line ${utf8.firstBadLine} is not valid UTF-8) nor GBK (line ${badGbk} is not valid GBK); save it as UTF-8 (CSV UTF-8 in Excel) and import it again. Nothing was imported.`);
  }
  return { encoding: "gbk", note: `encoding: GBK (detected: line ${utf8.firstBadLine} is the first that is not UTF-8)` };
}

/** GB18030 bytes in, the same text out as UTF-8 bytes (what csv-parse reads), chunk by chunk. */
class Gb18030Decode extends Transform {
  private readonly decoder = getDecoder("gb18030");

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = this.decoder.write(chunk);
    if (text) this.push(text, "utf8");
    done();
  }

  override _flush(done: () => void): void {
    const text = this.decoder.end();
    if (text) this.push(text, "utf8");
    done();
  }
}

/** The file's text as csv-parse reads it: UTF-8 as it is (csv-parse drops the byte order mark), GBK decoded on the way. */
export function decodedStream(input: Readable, encoding: TextEncoding): Readable {
  if (encoding === "utf8") return input;
  const decode = new Gb18030Decode();
  input.on("error", (err) => decode.destroy(err));
  return input.pipe(decode);
}
