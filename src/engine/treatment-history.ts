import type { Case, Drug, DrugExposure, ProcedureFact, ProcedureKind, Radiotherapy } from '../domain/case.js';
import type { BasedOn } from './types.js';
import { daysBetween } from './facts.js';
import { DAY_MS } from '../domain/time.js';

/**
 * Derived facts about local treatment (surgery, radiotherapy) and about biologics in use, for the
 * chart-review rules on pelvic RT, perioperative timing, recurrence and biologic safety. Pure.
 */

/** Operations (the data conventions' surgical procedures); stents, ablation and embolisation are not. */
export const SURGICAL_KINDS: ReadonlySet<ProcedureKind> = new Set<ProcedureKind>([
  'primary-resection',
  'diversion',
  'liver-resection',
  'other-major-surgery',
]);

const procedureNames: Record<ProcedureKind, string> = {
  'primary-resection': 'resection of the primary',
  diversion: 'diverting stoma',
  'rectal-stent': 'rectal stent',
  'liver-resection': 'liver resection',
  ablation: 'ablation',
  embolisation: 'embolisation',
  radioembolisation: 'radioembolisation',
  'hepatic-arterial-infusion': 'hepatic arterial infusion',
  'other-major-surgery': 'major surgery',
};

export function procedureName(kind: ProcedureKind): string {
  return procedureNames[kind];
}

/** Pelvic radiotherapy courses with the given status (no site counts as pelvic, per the data conventions). */
export function pelvicRadiotherapy(c: Case, status: Radiotherapy['status']): Radiotherapy[] {
  return c.radiotherapy.filter((r) => r.pelvic && r.status === status);
}

function courseName(r: Radiotherapy): string {
  const dose = r.totalDoseCGy !== undefined ? ` ${r.totalDoseCGy / 100} Gy${r.fractions ? `/${r.fractions}` : ''}` : '';
  const course = r.course === 'short-course' ? 'short course' : r.course === 'long-course' ? 'long course' : 'course';
  return `${course}${dose}`;
}

/** "Pelvic radiotherapy" line: the prior course(s), or none on record. */
export function pelvicRadiotherapyBasis(c: Case): BasedOn {
  const done = pelvicRadiotherapy(c, 'done');
  const last = done[done.length - 1];
  if (!last) return { label: 'Pelvic radiotherapy', value: 'none on record' };
  return { label: 'Pelvic radiotherapy', value: `${courseName(last)} given`, date: last.date, source: last.source };
}

/** Clinical T3/T4 or node-positive (the pre-operative RT indication); unknown T and N are not locally advanced. */
export function locallyAdvanced(c: Case): BasedOn[] {
  const out: BasedOn[] = [];
  const t = c.tnm.t;
  const n = c.tnm.n;
  if (t && /T[34]/i.test(t.value)) out.push({ label: 'T category', value: t.value, date: t.source.date, source: t.source });
  if (n && /N[12]/i.test(n.value)) out.push({ label: 'N category', value: n.value, date: n.source.date, source: n.source });
  return out;
}

/** The latest M category says distant metastasis (M1, M1a-c). */
export function latestMIsM1(c: Case): boolean {
  return c.tnm.m !== undefined && /M1/i.test(c.tnm.m.value);
}

export function procedureBasis(label: string, p: ProcedureFact): BasedOn {
  const when = p.status === 'done' ? 'done' : p.date ? 'planned' : 'planned, not yet dated';
  return { label, value: `${procedureName(p.kind)} (${when})`, date: p.date, source: p.source };
}

/** Surgery or radiotherapy that was completed, with a date, newest first. */
export interface LocalTreatment {
  what: string;
  date: string;
  source: BasedOn['source'];
}

export function completedLocalTreatments(c: Case): LocalTreatment[] {
  const surgery = c.procedures
    .filter((p) => p.status === 'done' && SURGICAL_KINDS.has(p.kind) && p.date !== undefined)
    .map((p) => ({ what: procedureName(p.kind), date: p.date as string, source: p.source }));
  const rt = c.radiotherapy
    .filter((r) => r.status === 'done' && r.date !== undefined)
    .map((r) => ({ what: `radiotherapy (${courseName(r)})`, date: r.date as string, source: r.source }));
  return [...surgery, ...rt].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}

/** Planned elective (non-emergency) operations. */
export function plannedElectiveSurgery(c: Case): ProcedureFact[] {
  return c.procedures.filter((p) => p.status === 'planned' && !p.emergency && SURGICAL_KINDS.has(p.kind));
}

/** The interval between the last bevacizumab dose and an operation (wound healing: RC-21, RC-35). */
export interface BevacizumabGap {
  days: number;
  /** The operation's planned date, or now when it is undated or that date has passed. */
  measuredTo: string;
}

/**
 * Days from the last bevacizumab dose to the surgery date: the planned date, or now when the operation is
 * undated or its date is already past (it cannot happen earlier than today). Never negative: a dose dated
 * after that day counts as 0 days. Undefined without bevacizumab on record or with an unreadable date.
 */
export function bevacizumabGapToSurgery(c: Case, plannedDate: string | undefined): BevacizumabGap | undefined {
  const bev = c.therapy.lastBevacizumab;
  if (!bev) return undefined;
  const measuredTo = plannedDate !== undefined && Date.parse(plannedDate) > Date.parse(c.now) ? plannedDate : c.now;
  // Only an order on record, and it is still active: a dose may have been given at any time up to now.
  const from = bev.basis === 'order-date' && activeBevacizumabOrder(c) ? c.now : bev.date;
  const days = daysBetween(from, measuredTo);
  return Number.isFinite(days) ? { days: Math.max(0, days), measuredTo } : undefined;
}

function activeBevacizumabOrder(c: Case): boolean {
  return c.therapy.exposures.some((e) => e.drug === 'bevacizumab' && e.kind === 'order' && e.active);
}

// ---- biologics ------------------------------------------------------------------------------------

export const ANTI_EGFR: readonly Drug[] = ['cetuximab', 'panitumumab'];

/** A drug's recent use: the span from its first to its last record in the window, to now while an order is active. */
export interface DrugSpan {
  drugs: Drug[];
  from: number;
  to: number;
  last: DrugExposure;
}

/**
 * The span over which any of `drugs` was in use within the last `windowDays` (plus active orders, whatever
 * their date). Undefined when none was. Two spans that do not overlap are a switch, not co-administration.
 */
export function recentSpan(c: Case, drugs: readonly Drug[], windowDays: number): DrugSpan | undefined {
  const nowMs = Date.parse(c.now);
  const windowStart = nowMs - windowDays * DAY_MS;
  const recent = c.therapy.exposures.filter((e) => {
    if (!drugs.includes(e.drug)) return false;
    if (e.active) return true;
    return e.date !== undefined && Date.parse(e.date) >= windowStart && Date.parse(e.date) <= nowMs;
  });
  if (recent.length === 0) return undefined;
  const times = recent.map((e) => (e.date !== undefined ? Date.parse(e.date) : windowStart));
  const from = Math.max(windowStart, times.reduce((a, b) => Math.min(a, b)));
  const to = recent.some((e) => e.active) ? nowMs : times.reduce((a, b) => Math.max(a, b));
  const time = (e: DrugExposure) => (e.date !== undefined ? Date.parse(e.date) || 0 : 0);
  const last = recent.reduce((a, b) => (time(b) > time(a) ? b : a));
  return { drugs: [...new Set(recent.map((e) => e.drug))], from, to, last };
}

export function spansOverlap(a: DrugSpan, b: DrugSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function drugSpanBasis(label: string, s: DrugSpan, now: string): BasedOn {
  const record = s.last.active ? `active ${s.last.kind}` : `last ${s.last.kind}`;
  const ago = s.last.date ? `, ${daysBetween(s.last.date, now)} days ago` : '';
  return { label, value: `${s.drugs.join(', ')} (${record}${ago})`, date: s.last.date, source: s.last.source };
}
