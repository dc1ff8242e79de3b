import fs from "node:fs";
import * as fontkit from "fontkit";
import type { Config } from "../../config";

/** A parsed font face, as pdfkit embeds it (a fontkit Font). */
export type ReportFont = fontkit.Font;

// Characters every report prints; a face without them would print blanks, so start-up refuses it.
const REQUIRED_TEXT = "专项信用报告统一社会代码";

/**
 * The CJK face every credit report embeds (subset: only the glyphs a report uses go into its
 * PDF, so it reads the same on any machine, fonts installed or not). Read and parsed once at
 * start-up and shared by every report: parsing a CJK collection costs tens of milliseconds and
 * fontkit keeps what it parsed of the face (glyph outlines, subroutines) between subsets, which
 * is most of a report's time. A missing file, a collection without the face or a face without
 * Chinese glyphs stops the start with a sentence naming the setting; the default is Debian's
 * fonts-noto-cjk (installed by the Docker image and by CI).
 */
export function loadReportFont(config: Config): ReportFont {
  const { fontFile, fontName } = config.creditReports;
  if (!fs.existsSync(fontFile)) {
    throw new Error(`the credit report font ${fontFile} does not exist (HUB_CREDIT_REPORT_FONT_FILE; on Debian: apt-get install fonts-noto-cjk)`);
  }
  let parsed: fontkit.Font | fontkit.FontCollection | null;
  try {
    parsed = fontkit.create(fs.readFileSync(fontFile), fontName);
  } catch (err) {
    throw new Error(`the credit report font ${fontFile} is not a font fontkit can read (HUB_CREDIT_REPORT_FONT_FILE): ${(err as Error).message}`);
  }
  if (!parsed || "fonts" in parsed) {
    throw new Error(`the credit report font ${fontFile} has no face named ${fontName} (HUB_CREDIT_REPORT_FONT_NAME)`);
  }
  const font = parsed;
  const missing = [...REQUIRED_TEXT].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
  if (missing.length) throw new Error(`the credit report font ${fontFile} (${font.postscriptName}) has no glyphs for Chinese text (${missing.join("")})`);
  return font;
}
