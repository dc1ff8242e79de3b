import { escapeHtml } from "./html";

export interface Bar {
  label: string;
  /** 0–1: the bar's share of the full width. */
  share: number;
  /** Printed after the bar (e.g. "75.0 %（3/4）"). */
  note: string;
}

/**
 * A horizontal bar chart as inline SVG, drawn on the server: readable without any script, printed
 * as it is shown, and without a chart library in the browser (nothing loaded from a CDN).
 */
export function horizontalBarChart(bars: readonly Bar[], options: { title: string; labelWidth?: number; width?: number }): string {
  const rowHeight = 26;
  const labelWidth = options.labelWidth ?? 150;
  const width = options.width ?? 640;
  const noteWidth = 130;
  const barSpace = width - labelWidth - noteWidth;
  const height = Math.max(1, bars.length) * rowHeight + 24;
  const rows = bars.map((b, i) => {
    const y = 12 + i * rowHeight;
    const w = Math.max(0, Math.min(1, b.share)) * barSpace;
    return `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(b.label)}</text>`
      + `<rect x="${labelWidth}" y="${y + 4}" width="${barSpace}" height="16" class="track"/>`
      + `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="16" class="bar"/>`
      + `<text x="${labelWidth + barSpace + 8}" y="${y + 16}">${escapeHtml(b.note)}</text>`;
  });
  const empty = bars.length ? "" : `<text x="${labelWidth}" y="28">（无数据）</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`
    + `<title>${escapeHtml(options.title)}</title>${rows.join("")}${empty}</svg>`;
}
