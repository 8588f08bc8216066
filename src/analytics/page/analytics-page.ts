/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { AnalyticsReport, RuleRow, WeekPoint } from '../rule-analytics.js';

/**
 * The analytics page (browser): asks for the operator token when the service wants one (kept for this tab
 * only, in sessionStorage), fetches `/analytics/rules` with the filters, and draws totals, the weekly trend and
 * one row per rule and rule-set version. All text goes in through textContent: rule ids and reasons come from
 * the store, whose contents include what EHRs sent.
 */

const TOKEN_KEY = 'rectal-cds.analytics-token';
const SVG = 'http://www.w3.org/2000/svg';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

function s(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

class Unauthorized extends Error {}

async function load(params: URLSearchParams): Promise<AnalyticsReport> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const res = await fetch(`analytics/rules?${params.toString()}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (res.status === 401) throw new Unauthorized('the operator token was not accepted');
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { issue?: { diagnostics?: string }[] };
    throw new Error(body.issue?.map((i) => i.diagnostics).join('; ') || `HTTP ${res.status}`);
  }
  return (await res.json()) as AnalyticsReport;
}

/** Weekly lines: shown, accepted, overridden (and shadow when any), weeks on x, counts on y. */
function trendPlot(weeks: WeekPoint[], opts: { width: number; height: number; axes: boolean; label: string }): SVGElement {
  const { width, height, axes } = opts;
  const pad = axes ? { l: 34, r: 24, t: 8, b: 22 } : { l: 2, r: 2, t: 2, b: 2 };
  const series: [keyof WeekPoint, string][] = [['shown', 'var(--shown)'], ['accepted', 'var(--accept)'], ['overridden', 'var(--override)'], ['shadow', 'var(--shadow)']];
  const max = Math.max(1, ...weeks.flatMap((w) => [w.shown, w.accepted, w.overridden, w.shadow]));
  const x = (i: number) => pad.l + (weeks.length <= 1 ? 0 : (i * (width - pad.l - pad.r)) / (weeks.length - 1));
  const y = (v: number) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': opts.label, 'data-testid': axes ? 'trend' : 'sparkline' });
  if (axes) {
    svg.append(s('line', { x1: pad.l, y1: y(0), x2: width - pad.r, y2: y(0), stroke: '#8a96a3' }));
    for (const v of [0, Math.round(max / 2), max]) {
      const t = s('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end' });
      t.textContent = String(v);
      svg.append(t);
    }
    weeks.forEach((w, i) => {
      if (weeks.length > 8 && i % Math.ceil(weeks.length / 8) !== 0) return;
      const t = s('text', { x: x(i), y: height - 6, 'text-anchor': 'middle' });
      t.textContent = w.week.slice(5);
      svg.append(t);
    });
  }
  for (const [key, color] of series) {
    if (key === 'shadow' && !weeks.some((w) => w.shadow > 0)) continue;
    const points = weeks.map((w, i) => `${x(i).toFixed(1)},${y(w[key] as number).toFixed(1)}`).join(' ');
    svg.append(s('polyline', { points, fill: 'none', stroke: color, 'stroke-width': axes ? 2 : 1.5, 'data-series': key }));
  }
  return svg;
}

function sumWeeks(rules: RuleRow[]): WeekPoint[] {
  const out = new Map<string, WeekPoint>();
  for (const r of rules) {
    for (const w of r.weekly) {
      const p = out.get(w.week) ?? { week: w.week, shown: 0, accepted: 0, overridden: 0, shadow: 0 };
      p.shown += w.shown;
      p.accepted += w.accepted;
      p.overridden += w.overridden;
      p.shadow += w.shadow;
      out.set(w.week, p);
    }
  }
  return [...out.values()].sort((a, b) => a.week.localeCompare(b.week));
}

function ruleRow(r: RuleRow): HTMLElement {
  const td = (col: string, ...children: (Node | string | null)[]) => h('td', { 'data-col': col }, ...children);
  const reasons = r.overriddenByReason.length
    ? h('ul', {}, ...r.overriddenByReason.slice(0, 4).map((x) => h('li', { 'data-code': x.code }, `${x.label}: ${x.count}`)))
    : h('span', { class: 'empty' }, '–');
  return h(
    'tr',
    { 'data-rule': r.ruleId, 'data-version': r.ruleSetVersion },
    td('rule', h('code', {}, r.ruleId), h('span', { class: 'version' }, r.ruleSetVersion)),
    td('shown', String(r.shown)),
    td('patients', String(r.patients)),
    td('accepted', String(r.accepted), h('span', { class: 'rate' }, pct(r.acceptanceRate))),
    td('overridden', String(r.overridden), h('span', { class: 'rate' }, pct(r.overrideRate))),
    h('td', { 'data-col': 'reasons', class: 'reasons' }, reasons),
    td('unanswered', String(r.unanswered)),
    td('median', r.medianMinutesToFeedback === null ? '–' : `${r.medianMinutesToFeedback < 10 ? r.medianMinutesToFeedback.toFixed(1) : Math.round(r.medianMinutesToFeedback)} min`),
    td('per-patient', r.showingsPerPatient.mean === null ? '–' : `${r.showingsPerPatient.mean} (max ${r.showingsPerPatient.max})`),
    td('shadow', r.shadow.shown > 0 ? h('span', { class: 'shadow-note' }, `${r.shadow.shown} (${r.shadow.patients} pts)`) : '–'),
    td('trend', trendPlot(r.weekly, { width: 120, height: 30, axes: false, label: `${r.ruleId} weekly trend` })),
  );
}

function render(report: AnalyticsReport): void {
  const main = byId<HTMLElement>('main');
  const t = report.totals;
  const totals = h(
    'ul',
    { class: 'totals', 'data-testid': 'totals' },
    ...[
      ['cards', t.cards, 'cards shown'],
      ['patients', t.patients, 'patients'],
      ['answered', t.answered, 'cards answered'],
      ['shadow', t.shadowCards, 'shadow cards'],
      ['unmatched', t.unmatchedFeedback, 'feedback for unknown cards'],
    ].map(([k, n, label]) => h('li', { 'data-total': String(k) }, h('span', { class: 'n' }, String(n)), h('span', { class: 'k' }, String(label)))),
  );
  const legend = h('ul', { class: 'legend' }, ...[['shown', 'var(--shown)'], ['accepted', 'var(--accept)'], ['overridden', 'var(--override)'], ['shadow (not shown)', 'var(--shadow)']].map(([name, color]) => h('li', {}, Object.assign(h('span'), { style: `background:${color}` }), name!)));
  const trend = h('section', { class: 'panel' }, h('h2', {}, 'Weekly trend, all rules'), trendPlot(sumWeeks(report.rules), { width: 720, height: 180, axes: true, label: 'Cards shown, accepted and overridden per week' }), legend);
  const head = ['Rule · version', 'Shown', 'Patients', 'Accepted', 'Overridden', 'Override reasons', 'Unanswered', 'Median time to feedback', 'Showings per patient', 'Shadow', 'Weekly'];
  const table = report.rules.length
    ? h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'rules' }, h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', i === 5 ? { class: 'reasons', scope: 'col' } : { scope: 'col' }, x)))), h('tbody', {}, ...report.rules.map(ruleRow))))
    : h('p', { class: 'empty' }, 'No cards in this period.');
  main.replaceChildren(totals, trend, table);
  main.dataset['state'] = 'ready';
  main.setAttribute('aria-busy', 'false');
}

function fillFilters(report: AnalyticsReport): void {
  const form = byId<HTMLFormElement>('filters');
  for (const [name, values] of [['service', report.seen.services], ['hook', report.seen.hooks], ['client', report.seen.clients]] as const) {
    const select = form.elements.namedItem(name) as HTMLSelectElement;
    if (select.options.length > 1) continue;
    for (const v of values) select.append(h('option', { value: v }, v));
  }
  form.hidden = false;
}

async function refresh(): Promise<void> {
  const main = byId<HTMLElement>('main');
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(byId<HTMLFormElement>('filters'))) if (typeof v === 'string' && v) params.set(k, v);
  main.dataset['state'] = 'loading';
  try {
    const report = await load(params);
    byId<HTMLFormElement>('token-form').hidden = true;
    fillFilters(report);
    render(report);
  } catch (err) {
    if (err instanceof Unauthorized) {
      const hadToken = sessionStorage.getItem(TOKEN_KEY) !== null;
      sessionStorage.removeItem(TOKEN_KEY);
      byId<HTMLFormElement>('token-form').hidden = false;
      byId('token-error').textContent = hadToken ? 'That token was not accepted.' : '';
      main.replaceChildren(h('p', { class: 'status' }, 'Analytics need the operator token.'));
      main.dataset['state'] = 'token';
      return;
    }
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Analytics could not be loaded: ${err instanceof Error ? err.message : String(err)}`));
    main.dataset['state'] = 'error';
  }
}

byId<HTMLFormElement>('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, byId<HTMLInputElement>('token').value.trim());
  void refresh();
});
byId<HTMLFormElement>('filters').addEventListener('change', () => void refresh());
void refresh();
