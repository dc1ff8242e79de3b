import { getDecoder } from "iconv-lite";

/**
 * Streaming checks of a file's bytes against an encoding, one chunk at a time (a feed can be a
 * million rows, so the file is never held whole). Both count lines as a person reading the file
 * does, 1-based with the header as line 1: LF, CR LF and a lone CR each end a line. In UTF-8 and
 * GBK alike the bytes CR and LF only ever mean themselves (no multi-byte character contains them),
 * so the count is right even in a file that turns out to be invalid.
 */

/** What a UTF-8 check found. */
export interface Utf8Survey {
  /** The first line with a byte sequence that is not UTF-8; null when the whole file is UTF-8. */
  firstBadLine: number | null;
  /** Lines with at least one such sequence. */
  badLines: number;
  /** Lines with non-ASCII text that is all valid UTF-8: evidence that the file is UTF-8 after all. */
  textLines: number;
}

/**
 * UTF-8 as the WHATWG decoder (and so Node) accepts it: overlong forms, surrogates and code points
 * past U+10FFFF are invalid. Checked on bytes, not on decoded text, because a file may hold a
 * genuine U+FFFD, which decoded text cannot tell from a bad sequence.
 */
export class Utf8Check {
  private line = 1;
  private afterCr = false;
  /** Continuation bytes still due, and the range the next one must fall in. */
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private lineBad = false;
  private lineText = false;
  private readonly survey: Utf8Survey = { firstBadLine: null, badLines: 0, textLines: 0 };

  get firstBadLine(): number | null {
    return this.survey.firstBadLine;
  }

  push(chunk: Uint8Array): void {
    // The state in locals for the loop: it runs once per byte of files of a hundred megabytes.
    let need = this.need;
    let lower = this.lower;
    let upper = this.upper;
    let afterCr = this.afterCr;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b < 0x80 && !need) {
        if (b === 0x0a) {
          if (!afterCr) this.endLine();
          afterCr = false;
        } else if (b === 0x0d) {
          this.endLine();
          afterCr = true;
        } else afterCr = false;
        continue;
      }
      if (need) {
        if (b >= lower && b <= upper) {
          lower = 0x80;
          upper = 0xbf;
          if (--need === 0) this.lineText = true;
          continue;
        }
        // Cut short: the sequence is bad, and this byte starts afresh (as the decoder reads it).
        need = 0;
        lower = 0x80;
        upper = 0xbf;
        this.bad();
        if (b < 0x80) {
          i--;
          continue;
        }
      }
      afterCr = false;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
      } else this.bad();
    }
    this.need = need;
    this.lower = lower;
    this.upper = upper;
    this.afterCr = afterCr;
  }

  end(): Utf8Survey {
    if (this.need) {
      this.need = 0;
      this.bad();
    }
    this.endLine();
    return { ...this.survey };
  }

  private bad(): void {
    if (this.lineBad) return;
    this.lineBad = true;
    this.survey.firstBadLine ??= this.line;
  }

  private endLine(): void {
    if (this.lineBad) this.survey.badLines++;
    else if (this.lineText) this.survey.textLines++;
    this.lineBad = this.lineText = false;
    this.line++;
  }
}

/**
 * GBK, read as GB18030 (its superset, so every GBK file reads the same): a byte sequence iconv-lite
 * cannot map comes out as U+FFFD, which is how a bad one is found. (A file that really encodes
 * U+FFFD in GB18030 is refused too; such a character is the mark of text already damaged.)
 */
export class GbkCheck {
  private readonly decoder = getDecoder("gb18030");
  private line = 1;
  private afterCr = false;
  firstBadLine: number | null = null;

  push(chunk: Buffer): void {
    this.text(this.decoder.write(chunk));
  }

  end(): number | null {
    this.text(this.decoder.end() ?? "");
    return this.firstBadLine;
  }

  private text(s: string): void {
    if (this.firstBadLine !== null) return;
    const bad = s.indexOf("\uFFFD");
    const upto = bad < 0 ? s.length : bad;
    for (let i = 0; i < upto; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a) {
        if (!this.afterCr) this.line++;
        this.afterCr = false;
      } else if (c === 0x0d) {
        this.line++;
        this.afterCr = true;
      } else this.afterCr = false;
    }
    if (bad >= 0) this.firstBadLine = this.line;
  }
}
