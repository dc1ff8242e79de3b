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
 * Chinese glyphs stops the start with a sentence naming the setting when NODE_ENV=production;
 * elsewhere (a newcomer's `npm start` on a machine without the font) the hub starts, says so once,
 * and only the printed reports answer SERVICE_UNAVAILABLE (REPORT_FONT_MISSING says why). The
 * default is Debian's fonts-noto-cjk (installed by the Docker image and by CI).
 */
export function loadReportFont(config: Config, warn: (message: string) => void): ReportFont | null {
  try {
    return parseReportFont(config);
  } catch (err) {
    if (config.productionDeclared) throw err;
    warn(`${(err as Error).message}: the hub runs, but credit reports and PDF reports are unavailable until the font is there`);
    return null;
  }
}

/** Why a printed report cannot be made, for the client: no CJK font on this hub. */
export const REPORT_FONT_MISSING = "This hub has no CJK font for printed reports yet: its operators install fonts-noto-cjk or set HUB_CREDIT_REPORT_FONT_FILE.";

function parseReportFont(config: Config): ReportFont {
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
