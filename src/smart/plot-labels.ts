/**
 * Placing text labels on a plot so that no two overlap: each label has candidate positions in order of
 * preference; a label takes the first candidate that stays inside the drawing and overlaps no label placed
 * before it (and, when it can, no data point); a label with no free place is left out (its value is still in
 * the text beside the plot and in each point's tooltip). Pure geometry: text widths are estimated from the
 * character count, generously, so the real text is never wider than its box.
 */
export type Anchor = 'start' | 'middle' | 'end';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelCandidate {
  /** Anchor point of the text: `y` is the baseline, `x` is where `anchor` puts the text. */
  x: number;
  y: number;
  anchor: Anchor;
  /** Another, shorter text for this position (e.g. "L2" for "L2 FOLFIRI + bevacizumab"). */
  text?: string;
}

export interface LabelRequest {
  kind: string;
  text: string;
  bold?: boolean;
  candidates: readonly LabelCandidate[];
}

export interface PlacedLabel {
  kind: string;
  text: string;
  /** The full text when a shorter one was placed (shown as a tooltip). */
  fullText?: string;
  x: number;
  y: number;
  anchor: Anchor;
  bold: boolean;
  box: Box;
}

/** Font size of plot text in px (`.cea-plot { font-size: 11px }`). */
export const FONT_PX = 11;
/** Widest average advance per character as a fraction of the font size (DejaVu Sans Bold digits are 0.696). */
const ADVANCE = { normal: 0.66, bold: 0.74 } as const;
/** Above and below the baseline, as the browser's text box has it (font ascent and descent, not glyphs). */
const ASCENT = 11;
const DESCENT = 3;

export function textWidth(text: string, bold = false): number {
  return Math.ceil(text.length * FONT_PX * ADVANCE[bold ? 'bold' : 'normal']) + 2;
}

export function textBox(text: string, x: number, y: number, anchor: Anchor, bold = false): Box {
  const width = textWidth(text, bold);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return { x: left, y: y - ASCENT, width, height: ASCENT + DESCENT };
}

/** Strict overlap: boxes that only touch do not collide. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const inside = (b: Box, bounds: Box) =>
  b.x >= bounds.x && b.y >= bounds.y && b.x + b.width <= bounds.x + bounds.width && b.y + b.height <= bounds.y + bounds.height;

/**
 * Place `requests` in order (earlier requests win), within `bounds`, preferring places clear of `avoid`
 * (the data points).
 */
export function placeLabels(requests: readonly LabelRequest[], bounds: Box, avoid: readonly Box[] = []): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const r of requests) {
    const bold = r.bold ?? false;
    const options = r.candidates.map((c) => {
      const text = c.text ?? r.text;
      return { c, text, box: textBox(text, c.x, c.y, c.anchor, bold) };
    });
    const free = options.filter((o) => inside(o.box, bounds) && !placed.some((p) => overlaps(p.box, o.box)));
    const best = free.find((o) => !avoid.some((a) => overlaps(a, o.box))) ?? free[0];
    if (!best) continue;
    placed.push({
      kind: r.kind,
      text: best.text,
      ...(best.text !== r.text ? { fullText: r.text } : {}),
      x: best.c.x,
      y: best.c.y,
      anchor: best.c.anchor,
      bold,
      box: best.box,
    });
  }
  return placed;
}
