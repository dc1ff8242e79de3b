/**
 * The encodings a CSV feed may be in, and the rules `hub import --help` states for them. Data only,
 * so that `hub` can offer the choices without loading a decoder; file-encoding.ts applies them.
 */
export const ENCODING_CHOICES = ["auto", "utf8", "gbk"] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export type TextEncoding = Exclude<EncodingChoice, "auto">;

export const ENCODING_HELP: readonly string[] = [
  `--encoding utf8: UTF-8, with or without a byte order mark (Excel: "CSV UTF-8").`,
  `--encoding gbk: GBK, read as GB18030, its superset (Excel's plain "CSV" on a Chinese Windows).`,
  "--encoding auto (the default): a UTF-8 byte order mark means UTF-8; otherwise a file that is valid UTF-8 is read as UTF-8 " +
    "and one that is not as GBK, unless most of its non-ASCII lines are valid UTF-8 (then it is UTF-8 and the rows with " +
    "other bytes are refused one by one). The command prints which encoding it chose.",
  "With --encoding utf8 or gbk, a file that is not valid in that encoding is refused before anything is written, " +
    "naming its first bad line (the header is line 1).",
  `UTF-16 ("Unicode Text" in Excel) is refused: save the file as UTF-8 or GBK.`,
];
