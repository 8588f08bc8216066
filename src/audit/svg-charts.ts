/** Small inline SVG charts for the audit report: no script, no external file, readable when printed. */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Bar {
  label: string;
  value: number;
  /** Shown at the bar's end, e.g. `12 (3.4%)`. */
  text: string;
  colour?: string;
}

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChart(bars: readonly Bar[], o: { title: string; width?: number }): string {
  const width = o.width ?? 760;
  const labelW = 290;
  const rowH = 24;
  const chartW = width - labelW - 110;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = 30 + rowH * Math.max(1, bars.length);
  const rows = bars.map((b, i) => {
    const y = 24 + i * rowH;
    const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * chartW));
    return (
      `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${escapeXml(b.label)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${b.colour ?? '#2f6f9f'}"/>` +
      `<text x="${labelW + w + 6}" y="${y + 15}" class="val">${escapeXml(b.text)}</text>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${labelW}" y="40" class="val">none</text>` : '';
  return `<svg role="img" aria-label="${escapeXml(o.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(o.title)}</title>${rows.join('')}${empty}</svg>`;
}

/** A histogram of whole numbers in bins of `binSize`, with a marked threshold (e.g. 42 days). */
export function histogram(values: readonly number[], o: { title: string; binSize: number; xLabel: string; threshold?: number; width?: number }): string {
  const width = o.width ?? 760;
  const height = 260;
  const left = 50;
  const bottom = height - 40;
  const top = 20;
  const maxValue = Math.max(o.binSize, ...values);
  const bins = Math.max(1, Math.min(40, Math.ceil((maxValue + 1) / o.binSize)));
  const binSize = Math.ceil((maxValue + 1) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor(v / binSize))]! += 1;
  const maxCount = Math.max(1, ...counts);
  const plotW = width - left - 20;
  const bw = plotW / bins;
  const bars = counts.map((c, i) => {
    const h = Math.round((c / maxCount) * (bottom - top));
    const from = i * binSize;
    return `<rect x="${(left + i * bw + 1).toFixed(1)}" y="${bottom - h}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${h}" fill="#b4532a"><title>${from}-${from + binSize - 1}: ${c}</title></rect>`;
  });
  const ticks = Array.from({ length: Math.min(bins, 10) + 1 }, (_, k) => {
    const i = Math.round((k * bins) / Math.min(bins, 10));
    return `<text x="${(left + i * bw).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" class="val">${i * binSize}</text>`;
  });
  const mark =
    o.threshold !== undefined && o.threshold <= bins * binSize
      ? `<line x1="${(left + (o.threshold / binSize) * bw).toFixed(1)}" x2="${(left + (o.threshold / binSize) * bw).toFixed(1)}" y1="${top}" y2="${bottom}" stroke="#222" stroke-dasharray="4 3"/>` +
        `<text x="${(left + (o.threshold / binSize) * bw + 4).toFixed(1)}" y="${top + 12}" class="val">${o.threshold} days</text>`
      : '';
  const axes = `<line x1="${left}" x2="${width - 20}" y1="${bottom}" y2="${bottom}" stroke="#444"/><text x="${left - 6}" y="${top + 8}" text-anchor="end" class="val">${maxCount}</text><text x="${left - 6}" y="${bottom}" text-anchor="end" class="val">0</text>`;
  const xl = `<text x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle" class="lbl">${escapeXml(o.xLabel)}</text>`;
  return `<svg role="img" aria-label="${escapeXml(o.title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(o.title)}</title>${axes}${bars.join('')}${ticks.join('')}${mark}${xl}</svg>`;
}
