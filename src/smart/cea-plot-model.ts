import type { CeaFacts, LineFact } from '../engine/facts/fact-types.js';
import { day, lineLabel } from './labels.js';
import { DAY_MS } from '../domain/time.js';

/**
 * Geometry of the CEA trend plot: dates on x, ng/mL on y, the nadir and the upper normal marked, treatment
 * lines shaded. Pure (numbers only); `render-cea-plot.ts` draws it as SVG.
 */
export interface PlotPoint {
  x: number;
  y: number;
  value: number;
  /** `YYYY-MM-DD`. */
  date: string;
  belowDetection: boolean;
  nadir: boolean;
  latest: boolean;
  source: string;
}

export interface PlotBand {
  x: number;
  width: number;
  label: string;
  active: boolean;
}

export interface Tick {
  pos: number;
  label: string;
}

export interface CeaPlot {
  width: number;
  height: number;
  /** Plot area inside the axes. */
  area: { left: number; top: number; right: number; bottom: number };
  points: PlotPoint[];
  upperNormal: { y: number; value: number };
  bands: PlotBand[];
  xTicks: Tick[];
  yTicks: Tick[];
}

/** Default drawing width; the page passes its own so text keeps its size in a narrow side panel. */
export const DEFAULT_PLOT_WIDTH = 640;
const HEIGHT = 260;

/** 1, 2, 2.5, 5 x 10^n: a step giving about `count` ticks over `max`. */
export function niceStep(max: number, count: number): number {
  const raw = max / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  return step ?? 10 * mag;
}

function monthTicks(fromMs: number, toMs: number, maxTicks: number): number[] {
  const start = new Date(fromMs);
  const months: number[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; ; m++) {
    const t = Date.UTC(y, m, 1);
    if (t > toMs) break;
    months.push(t);
  }
  const every = Math.max(1, Math.ceil(months.length / maxTicks));
  return months.filter((_, i) => i % every === 0);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Short series (under ~4 months) get day ticks ("9 Oct") every 1, 2 or 4 weeks; longer ones month ticks. */
function timeTicks(fromMs: number, toMs: number, maxTicks: number): { t: number; label: string }[] {
  const spanDays = (toMs - fromMs) / DAY_MS;
  if (spanDays > 120) {
    return monthTicks(fromMs, toMs, maxTicks).map((t) => {
      const d = new Date(t);
      return { t, label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` };
    });
  }
  const stepDays = [7, 14, 28].find((w) => spanDays / w <= maxTicks) ?? 28;
  const ticks: { t: number; label: string }[] = [];
  for (let t = Math.ceil(fromMs / DAY_MS) * DAY_MS; t <= toMs; t += stepDays * DAY_MS) {
    const d = new Date(t);
    ticks.push({ t, label: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` });
  }
  return ticks;
}

/** Returns undefined when there is no CEA value to plot (the page shows the empty state instead). */
export function buildCeaPlot(
  cea: CeaFacts,
  lines: readonly LineFact[],
  now: Date,
  width: number = DEFAULT_PLOT_WIDTH,
): CeaPlot | undefined {
  const WIDTH = Math.max(280, Math.round(width));
  const AREA = { left: 48, top: 28, right: WIDTH - 16, bottom: HEIGHT - 34 };
  const values = cea.values.filter((v) => Number.isFinite(Date.parse(v.date)) && Number.isFinite(v.value));
  if (values.length === 0) return undefined;
  const times = values.map((v) => Date.parse(v.date));
  const lineSpans = lines
    .filter((l) => l.start !== undefined && Number.isFinite(Date.parse(l.start)))
    .map((l) => {
      const start = Date.parse(l.start as string);
      const last = l.lastGiven ? Date.parse(l.lastGiven) : NaN;
      // An active line runs to today; a finished one to its last dose.
      const end = l.active ? now.getTime() : Number.isFinite(last) ? last : start;
      return { line: l, start, end: Math.max(start, end) };
    });
  let x0 = Math.min(...times, ...lineSpans.map((s) => s.start));
  let x1 = Math.max(...times, ...lineSpans.map((s) => s.end));
  const pad = Math.max((x1 - x0) * 0.04, 7 * DAY_MS);
  x0 -= pad;
  x1 += pad;

  const maxValue = Math.max(...values.map((v) => v.value), cea.upperNormal);
  const yStep = niceStep(maxValue * 1.1, 5);
  const yMax = Math.ceil((maxValue * 1.1) / yStep) * yStep;

  const sx = (t: number) => AREA.left + ((t - x0) / (x1 - x0)) * (AREA.right - AREA.left);
  const sy = (v: number) => AREA.bottom - (v / yMax) * (AREA.bottom - AREA.top);
  const round = (n: number) => Math.round(n * 10) / 10;

  const points = values.map((v, i): PlotPoint => ({
    x: round(sx(times[i] as number)),
    y: round(sy(v.value)),
    value: v.value,
    date: day(v.date) ?? v.date,
    belowDetection: v.belowDetection,
    nadir: cea.nadir !== undefined && v.source.id === cea.nadir.source.id && v.date === cea.nadir.date,
    latest: cea.latest !== undefined && v.source.id === cea.latest.source.id && v.date === cea.latest.date,
    source: `${v.source.resourceType}/${v.source.id}`,
  }));

  const bands = lineSpans.map(({ line, start, end }): PlotBand => {
    const xa = sx(start);
    return { x: round(xa), width: round(Math.max(2, sx(end) - xa)), label: `L${line.number} ${lineLabel(line)}`, active: line.active };
  });

  const xTicks = timeTicks(x0, x1, WIDTH < 480 ? 3 : 6).map(({ t, label }): Tick => ({ pos: round(sx(t)), label }));
  const yTicks: Tick[] = [];
  for (let v = 0; v <= yMax + 1e-9; v += yStep) yTicks.push({ pos: round(sy(v)), label: String(round(v)) });

  return {
    width: WIDTH,
    height: HEIGHT,
    area: AREA,
    points,
    upperNormal: { y: round(sy(cea.upperNormal)), value: cea.upperNormal },
    bands,
    xTicks,
    yTicks,
  };
}
