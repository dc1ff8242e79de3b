import { Readable } from "node:stream";
import { csvRows, type CsvRow } from "../../../../src/tools/import/csv-rows";

async function read(text: string, chunk: number): Promise<CsvRow[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: CsvRow[] = [];
  for await (const row of csvRows(Readable.from(chunks), () => undefined)) out.push(row);
  return out;
}

/** Reads `text` whole and in small chunks, so that rows and faults straddle chunk boundaries; all must agree. */
async function rows(text: string): Promise<CsvRow[]> {
  const whole = await read(text, 1 << 16);
  for (const chunk of [1, 2, 5]) expect(await read(text, chunk)).toEqual(whole);
  return whole;
}

/** `line:a` for a record (its first value), `line!field` for a malformed row. */
const brief = (list: CsvRow[]) => list.map((r) => ("record" in r ? `${r.line}:${r.record.a}` : `${r.line}!${r.malformed.field}`));
const messages = (list: CsvRow[]) => list.flatMap((r) => ("malformed" in r ? [r.malformed.message] : []));

describe("reading CSV rows", () => {
  it("reports a stray quote in an unquoted value by line and reads on", async () => {
    const list = await rows("a,b,c\n1,x,y\n2,ab\"c,y\n3,x,y\n");
    expect(brief(list)).toEqual(["2:1", "3!b", "4:3"]);
    expect(messages(list)[0]).toMatch(/^A quote appears inside the unquoted value of column b;/);
  });

  it("reports a row with too few or too many values", async () => {
    const list = await rows("a,b,c\n1,x,y\n2,x\n3,x,y,z\n4,x,y");
    expect(brief(list)).toEqual(["2:1", "3!", "4!", "5:4"]);
    expect(messages(list)).toEqual([
      "The row has 2 values but the header names 3 columns; put a value that contains a comma in double quotes.",
      "The row has 4 values but the header names 3 columns; put a value that contains a comma in double quotes.",
    ]);
  });

  it("names the lines an unclosed quote swallowed, and reads the rows after them", async () => {
    const list = await rows('a,b,c\n1,x,y\n2,"open,y\n3,x,y\n4,"quoted",y\n5,x,y\n');
    expect(brief(list)).toEqual(["2:1", "3!b", "6:5"]);
    expect(messages(list)[0]).toMatch(/on line 5; .* Lines 3 to 5 were read as this one row, so none of them was imported/);
  });

  it("follows an unclosed quote past the line where csv-parse first stumbles", async () => {
    // The quote on line 3 closes on line 5, which is bad; the quote there opens again and runs to line 7.
    const list = await rows('a,b,c\n1,x,y\n2,"open,y\n3,x,y\n4,"bad,y\n\n5,x"\n6,x,y\n');
    expect(brief(list)).toEqual(["2:1", "3!b", "8:6"]);
    expect(messages(list)[0]).toMatch(/Lines 3 to 7 were read as this one row/);
  });

  it("names the lines up to the end of the file when a quote is never closed", async () => {
    const list = await rows('a,b,c\n1,x,y\n2,"open,y\n3,x,y\n4,x,y\n');
    expect(brief(list)).toEqual(["2:1", "3!b"]);
    expect(messages(list)).toEqual([
      "A quoted value in column b is never closed before the end of the file. Lines 3 to 5 were read as this one row, so none of them was imported; correct the quotes and import the file again (rows already imported are not written twice).",
    ]);
  });

  it("ends a bad last row on its own line, not on the blank lines after it", async () => {
    const list = await rows('a,b,c\n1,"x\ny",z\n2,x"y,z\n\n\n');
    expect(brief(list)).toEqual(["2:1", "4!b"]);
    expect(messages(list)[0]).not.toMatch(/Lines/);
  });

  it("numbers each row by the line it starts on, past blank lines and values over several lines", async () => {
    const list = await rows('a,b,c\n\n1,"two\nlines",y\n\n\n2,x,y\n3,"x\n\ny"\n4,"q""uoted",y\n5,x,"y');
    expect(brief(list)).toEqual(["3:1", "7:2", "8!", "11:4", "12!c"]);
  });

  it("counts lines the same way in a file with CRLF line ends", async () => {
    const list = await rows("a,b,c\r\n1,x,y\r\n2,ab\"c,y\r\n\r\n3,x,y\r\n4,x\r\n5,x,y\r\n");
    expect(brief(list)).toEqual(["2:1", "3!b", "5:3", "6!", "7:5"]);
  });

  it("counts a CRLF inside a quoted value as one line, as an editor shows it", async () => {
    const list = await rows('a,b,c\r\n1,"two\r\nlines",y\r\n2,ab"c,y\r\n3,"x\r\ny",z\r\n4,"open,y\r\n5,x,y\r\n6,"q",y\r\n7,x,y\r\n');
    expect(brief(list)).toEqual(["2:1", "4!b", "5:3", "7!b", "10:7"]);
    expect(messages(list)[1]).toMatch(/on line 9; .* Lines 7 to 9 were/);
  });

  it("ends a row at the end of the file when a quote it reopened is never closed", async () => {
    const list = await rows('a,b,c\n1,x,y\n2,"open,y\n3,x,y\n4,"bad,y\n5,x,y\n');
    expect(brief(list)).toEqual(["2:1", "3!b"]);
    expect(messages(list)[0]).toMatch(/^A quoted value in column b is followed by other characters after its closing quote on line 5;.* Lines 3 to 6 were/);
  });

  it("reports one fault per row however many the row has", async () => {
    const list = await rows('a,b,c\n1,x"x,y"y\n2,x,y\n');
    expect(brief(list)).toEqual(["2!b", "3:2"]);
  });

  it("refuses a file whose header row is not valid CSV", async () => {
    await expect(rows('a,"b,c\n1,x,y\n')).rejects.toThrow(/header row is not valid CSV/);
    await expect(rows('a,b"x,c\n1,x,y\n')).rejects.toThrow(/header row is not valid CSV/);
  });

  it("refuses a file whose header the caller refuses, before any row", async () => {
    const read = async () => {
      for await (const _ of csvRows(Readable.from(["a,b\n1,2\n"]), () => {
        throw new Error("needs column c");
      }));
    };
    await expect(read()).rejects.toThrow("needs column c");
  });
});
