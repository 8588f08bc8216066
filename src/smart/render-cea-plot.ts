/// <reference lib="dom" />
import type { CeaFacts } from '../engine/facts/fact-types.js';
import { h, s } from './dom.js';
import type { CeaPlot } from './cea-plot-model.js';
import { day } from './labels.js';

/**
 * The CEA trend as inline SVG. Every point carries its value, date and source as data attributes (and a
 * tooltip); the same values are listed in a table for screen readers and for copying.
 */
export function renderCeaSvg(plot: CeaPlot): SVGSVGElement {
  const { area } = plot;
  const grid = plot.yTicks.map((t) =>
    s(
      'g',
      { class: 'y-tick' },
      s('line', { x1: area.left, x2: area.right, y1: t.pos, y2: t.pos, class: 'grid' }),
      s('text', { x: area.left - 6, y: t.pos + 4, 'text-anchor': 'end' }, t.label),
    ),
  );
  const xTicks = plot.xTicks.map((t) =>
    s(
      'g',
      { class: 'x-tick' },
      s('line', { x1: t.pos, x2: t.pos, y1: area.bottom, y2: area.bottom + 4, class: 'axis' }),
      s('text', { x: t.pos, y: area.bottom + 18, 'text-anchor': 'middle' }, t.label),
    ),
  );
  const bands = plot.bands.map((b) =>
    s(
      'g',
      { class: `band${b.active ? ' band--active' : ''}`, 'data-line': b.label },
      s('rect', { x: b.x, y: area.top, width: b.width, height: area.bottom - area.top }),
      s('text', { x: b.x + 4, y: area.top - 8 }, b.label),
    ),
  );
  const uln = s(
    'g',
    { class: 'uln', 'data-value': plot.upperNormal.value },
    s('line', { x1: area.left, x2: area.right, y1: plot.upperNormal.y, y2: plot.upperNormal.y }),
    s('text', { x: area.right - 2, y: plot.upperNormal.y - 5, 'text-anchor': 'end' }, `upper normal ${plot.upperNormal.value}`),
  );
  const path = s('polyline', { class: 'trend', points: plot.points.map((p) => `${p.x},${p.y}`).join(' ') });
  const points = plot.points.map((p) => {
    const label = `${p.date}: ${p.belowDetection ? '<' : ''}${p.value} ng/mL${p.nadir ? ' (nadir)' : ''} — ${p.source}`;
    return s(
      'g',
      { class: 'point-group' },
      s(
        'circle',
        {
          class: `cea-point${p.nadir ? ' cea-point--nadir' : ''}${p.belowDetection ? ' cea-point--below' : ''}`,
          cx: p.x,
          cy: p.y,
          r: p.nadir ? 6 : 4.5,
          'data-value': p.value,
          'data-date': p.date,
          'data-source': p.source,
          'data-nadir': p.nadir ? 'true' : undefined,
          'data-below-detection': p.belowDetection ? 'true' : undefined,
        },
        s('title', {}, label),
      ),
      p.nadir ? s('text', { class: 'nadir-label', x: p.x, y: p.y + 20, 'text-anchor': 'middle' }, `nadir ${p.value}`) : null,
      p.latest && !p.nadir ? s('text', { class: 'latest-label', x: p.x, y: p.y - 10, 'text-anchor': 'end' }, `${p.value}`) : null,
    );
  });
  return s(
    'svg',
    {
      class: 'cea-plot',
      'data-testid': 'cea-plot',
      viewBox: `0 0 ${plot.width} ${plot.height}`,
      width: plot.width,
      height: plot.height,
      role: 'img',
      'aria-labelledby': 'cea-title cea-desc',
    },
    s('title', { id: 'cea-title' }, 'CEA trend'),
    s('desc', { id: 'cea-desc' }, `Serum CEA in ng/mL over time, ${plot.points.length} values; upper normal ${plot.upperNormal.value} ng/mL; treatment lines shaded.`),
    bands,
    grid,
    s('line', { class: 'axis', x1: area.left, x2: area.right, y1: area.bottom, y2: area.bottom }),
    s('line', { class: 'axis', x1: area.left, x2: area.left, y1: area.top, y2: area.bottom }),
    s('text', { class: 'unit', x: 4, y: area.top - 8 }, 'ng/mL'),
    xTicks,
    uln,
    path,
    points,
  );
}

function summaryLine(cea: CeaFacts): string {
  const parts: string[] = [];
  if (cea.latest) parts.push(`Latest ${cea.latest.belowDetection ? '<' : ''}${cea.latest.value} ng/mL (${day(cea.latest.date)})`);
  if (cea.nadir) parts.push(`nadir ${cea.nadir.value} (${day(cea.nadir.date)})`);
  parts.push(`upper normal ${cea.upperNormal}`);
  const trend: Record<CeaFacts['trend'], string> = {
    rising: 'rising',
    falling: 'falling',
    stable: 'stable',
    'insufficient-data': 'too few values for a trend',
  };
  parts.push(cea.rising ? 'rising above the nadir (two consecutive rises)' : trend[cea.trend]);
  return parts.join(' · ');
}

function valuesTable(cea: CeaFacts): HTMLElement {
  return h(
    'details',
    { class: 'cea-values' },
    h('summary', {}, `CEA values (${cea.values.length})`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'ng/mL'), h('th', { scope: 'col' }, 'Record'))),
      h(
        'tbody',
        {},
        [...cea.values].reverse().map((v) =>
          h('tr', {}, h('td', {}, day(v.date) ?? v.date), h('td', {}, `${v.belowDetection ? '<' : ''}${v.value}`), h('td', { class: 'source' }, `${v.source.resourceType}/${v.source.id}`)),
        ),
      ),
    ),
  );
}

/** The CEA panel; `plotFor(width)` draws the SVG for the width the panel has (re-drawn on resize). */
export function renderCeaPanel(cea: CeaFacts, plotFor: (width: number) => CeaPlot | undefined): HTMLElement {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'cea-h', id: 'cea' }, h('h2', { id: 'cea-h' }, 'CEA trend'));
  const first = plotFor(640);
  if (!first) {
    section.append(h('p', { class: 'empty' }, 'No CEA result on file.'));
    return section;
  }
  const figure = h('div', { class: 'plot-wrap' }, renderCeaSvg(first));
  section.append(h('p', { class: 'cea-summary' }, summaryLine(cea)), figure, valuesTable(cea));
  const redraw = () => {
    const plot = plotFor(figure.clientWidth || 640);
    if (plot) figure.replaceChildren(renderCeaSvg(plot));
  };
  // Draw for the real width once laid out, and again when the panel is resized (EHR side panel).
  requestAnimationFrame(redraw);
  let pending: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(redraw, 100);
  });
  return section;
}
