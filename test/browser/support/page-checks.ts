import type { Page } from 'playwright-core';

/** Console errors and uncaught exceptions of a page, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * WCAG contrast ratio of the text of every element matching `selector` against its effective background
 * (first opaque ancestor background; SVG text uses its fill). Returns the failures below `min`.
 */
export async function lowContrast(page: Page, selector: string, min = 4.5): Promise<{ checked: number; failures: string[] }> {
  return page.$$eval(
    selector,
    (els, min) => {
      const parse = (c: string): [number, number, number, number] | undefined => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const bg = parse(getComputedStyle(e).backgroundColor);
          if (bg && bg[3] > 0.5) return bg;
        }
        return [255, 255, 255, 1];
      };
      const out: string[] = [];
      let checked = 0;
      for (const el of els) {
        const style = getComputedStyle(el);
        const isSvgText = el instanceof SVGElement;
        const fg = parse(isSvgText ? style.fill : style.color);
        if (!fg) continue;
        checked += 1;
        const a = lum(fg);
        const b = lum(background(isSvgText ? el.closest('svg') : el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < min) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 30)}": ${ratio.toFixed(2)}`);
      }
      return { checked, failures: out };
    },
    min,
  );
}

/** Nothing wider than the viewport (a narrow EHR side panel must not scroll sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The texts of the CEA plot as the browser lays them out: pairs whose real boxes overlap, and texts wider than
 * the box the layout reserved for them (its estimate must never be short).
 */
export async function ceaLabelProblems(page: Page): Promise<{ labels: number; overlaps: string[]; wider: string[]; taller: string[] }> {
  return page.$$eval('svg[data-testid="cea-plot"] text', (els) => {
    const boxes = els.map((e) => ({
      text: e.textContent ?? '',
      kind: e.getAttribute('data-label') ?? '',
      baseline: Number(e.getAttribute('y')),
      box: (e as SVGTextElement).getBBox(),
      width: (e as SVGTextElement).getComputedTextLength(),
    }));
    const overlaps: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const hit = a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width && a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height;
        if (hit) overlaps.push(`"${a.text}" / "${b.text}"`);
      }),
    );
    // The layout's estimate (src/smart/plot-labels.ts): 11 px font, 0.66 em per character (0.74 bold), + 2 px;
    // 11 px above the baseline and 3 px below.
    const bold = new Set(['unit', 'band', 'nadir', 'latest']);
    const wider = boxes
      .filter((b) => b.width > Math.ceil(b.text.length * 11 * (bold.has(b.kind) ? 0.74 : 0.66)) + 2)
      .map((b) => `"${b.text}" ${b.width.toFixed(1)} px`);
    const taller = boxes
      .filter((b) => b.box.y < b.baseline - 11.1 || b.box.y + b.box.height > b.baseline + 3.1)
      .map((b) => `"${b.text}" ${(b.baseline - b.box.y).toFixed(1)} px up, ${(b.box.y + b.box.height - b.baseline).toFixed(1)} px down`);
    return { labels: boxes.length, overlaps, wider, taller };
  });
}
