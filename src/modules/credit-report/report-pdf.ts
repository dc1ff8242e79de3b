import PDFDocument from "pdfkit";
import type { ReportFont } from "./credit-report-font";

/**
 * A PDF document of the hub's printed reports (credit reports, the 通报) set in the embedded CJK
 * face, collected in memory: draw on `doc`, then `finish()` ends it and gives the bytes.
 */
export function openReportPdf(options: PDFKit.PDFDocumentOptions, font: ReportFont): { doc: PDFKit.PDFDocument; finish(): Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  // pdfkit accepts a parsed fontkit face (shared: parsed once per process); its types say only paths and buffers.
  doc.registerFont("cjk", font as never);
  doc.font("cjk");
  return {
    doc,
    async finish() {
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}
