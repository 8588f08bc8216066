import type { Drug, DrugExposure, ProcedureFact, ProcedureKind } from '../../domain/case.js';
import type { DraftOrder, DrugDraft, ProcedureDraft } from '../../domain/draft-order.js';
import { ANTI_EGFR, MODULATORS } from '../../domain/drug-groups.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import {
  BEVACIZUMAB_SURGERY_GAP_DAYS,
  CO_ACTIVE_BIOLOGICS_DAYS,
  LINE_ACTIVE_DAYS,
  POST_LOCAL_THERAPY_DAYS,
  SURGERY_BEVACIZUMAB_GAP_DAYS,
} from '../thresholds.js';
import type { BasedOn } from '../types.js';
import type { DrugSpan, FactBase, FactDefs, LastBevacizumab, LocalTreatment } from './fact-types.js';
import { courseName, daysBetween, drugSpanBasis, procedureBasis, procedureName } from './wording.js';

/** Surgery, radiotherapy and the biologics around them (wound healing, two antibodies at once). */

/** Operations (the data conventions' surgical procedures); stents, ablation and embolisation are not. */
export const SURGICAL_KINDS: ReadonlySet<ProcedureKind> = new Set<ProcedureKind>([
  'primary-resection',
  'diversion',
  'liver-resection',
  'other-major-surgery',
]);

/** Latest moment a drug is known given: the end of an administration/statement period (if past), else its date. */
function givenAt(e: DrugExposure, nowMs: number): number | undefined {
  const end = e.endDate === undefined ? NaN : isoMs(e.endDate);
  if (Number.isFinite(end) && end <= nowMs && e.kind !== 'order') return end;
  const t = e.date === undefined ? NaN : isoMs(e.date);
  return Number.isFinite(t) ? t : undefined;
}

/** Latest bevacizumab dose: administration, else statement, else the latest given order's date. */
function lastBevacizumab(f: FactBase): LastBevacizumab | undefined {
  const nowMs = isoMs(f.case.now);
  const bev = f.case.therapy.exposures.filter((e) => e.drug === 'bevacizumab');
  const bases = [['administration', 'administration'], ['statement', 'statement'], ['order', 'order-date']] as const;
  for (const [kind, basis] of bases) {
    // The first of the latest given, in one pass: a sort's comparator read both dates of every comparison.
    let latest: DrugExposure | undefined;
    let at = -Infinity;
    for (const e of bev) {
      const given = e.kind === kind ? givenAt(e, nowMs) : undefined;
      if (given !== undefined && given > at) {
        latest = e;
        at = given;
      }
    }
    if (!latest) continue;
    const date = at === isoMs(latest.date ?? '') ? (latest.date as string) : (latest.endDate as string);
    return { date, basis, source: latest.source };
  }
  return undefined;
}

/**
 * The span over which any of `drugs` was in use within the last `windowDays` (plus active orders, whatever
 * their date). Undefined when none was. Two spans that do not overlap are a switch, not co-administration.
 */
function recentSpan(f: FactBase, drugs: readonly Drug[], windowDays: number, activeOnly = false): DrugSpan | undefined {
  const nowMs = isoMs(f.case.now);
  const windowStart = nowMs - windowDays * DAY_MS;
  const recent = f.case.therapy.exposures.filter((e) => {
    if (!drugs.includes(e.drug)) return false;
    if (e.active) return true;
    if (activeOnly) return false;
    return e.date !== undefined && isoMs(e.date) >= windowStart && isoMs(e.date) <= nowMs;
  });
  if (recent.length === 0) return undefined;
  const times = recent.map((e) => (e.date !== undefined ? isoMs(e.date) : windowStart));
  const from = Math.max(windowStart, times.reduce((a, b) => Math.min(a, b)));
  const to = recent.some((e) => e.active) ? nowMs : times.reduce((a, b) => Math.max(a, b));
  const time = (e: DrugExposure) => (e.date !== undefined ? isoMs(e.date) || 0 : 0);
  const last = recent.reduce((a, b) => (time(b) > time(a) ? b : a));
  return { drugs: [...new Set(recent.map((e) => e.drug))], from, to, last };
}

const spansOverlap = (a: DrugSpan, b: DrugSpan) => a.from <= b.to && b.from <= a.to;

export function drugDrafts(drafts: readonly DraftOrder[], drugs: readonly Drug[]): DrugDraft[] {
  return drafts.filter((d): d is DrugDraft => d.kind === 'drug' && d.drugs.some((x) => drugs.includes(x)));
}

export function procedureDrafts(drafts: readonly DraftOrder[], kinds: ReadonlySet<string>): ProcedureDraft[] {
  return drafts.filter((d): d is ProcedureDraft => d.kind === 'procedure' && kinds.has(d.procedure));
}

const within = (date: string | undefined, now: string, days: number) => date === undefined || daysBetween(now, date) < days;

/**
 * Why bevacizumab must not be suggested as the biologic now (empty: it may be). Each reason is another rule that
 * would fire on it: RC-E10 (recent surgery), RC-35/RC-21 (elective surgery within 6 weeks), RC-E5 (an
 * anti-EGFR antibody running), RC-15/RC-37 (ECOG >= 3); and bleeding, perforation or obstruction of the
 * primary, which the label lists among bevacizumab's hazards.
 */
function bevacizumabBlockers(f: FactBase): string[] {
  const now = f.case.now;
  const reasons: string[] = [];
  const surgery = f.lastMajorSurgery;
  if (surgery && daysBetween(surgery.date, now) < SURGERY_BEVACIZUMAB_GAP_DAYS) {
    reasons.push(`${procedureName(surgery.kind)} ${daysBetween(surgery.date, now)} days ago (< ${SURGERY_BEVACIZUMAB_GAP_DAYS} days)`);
  }
  const plannedOnRecord = f.case.procedures.some(
    (p) => p.status === 'planned' && !p.emergency && SURGICAL_KINDS.has(p.kind) && within(p.date, now, BEVACIZUMAB_SURGERY_GAP_DAYS),
  );
  const drafted = procedureDrafts(f.allDrafts, SURGICAL_KINDS).some((d) => !d.emergency && within(d.plannedDate, now, BEVACIZUMAB_SURGERY_GAP_DAYS));
  if (plannedOnRecord || drafted) reasons.push(`elective surgery planned within ${BEVACIZUMAB_SURGERY_GAP_DAYS / 7} weeks`);
  if (f.recentAntiEgfr) reasons.push('EGFR antibody within 6 weeks');
  if (f.poorPerformance && f.performance) reasons.push(`ECOG ${f.performance.ecog}`);
  const hazards = f.primarySymptoms.filter((s) => ['bleeding', 'perforation', 'obstruction'].includes(s.symptom));
  if (hazards.length > 0) reasons.push(`${[...new Set(hazards.map((s) => s.symptom))].join(' and ')} of the primary`);
  // Under comfort-focused care no anticancer drug is suggested (decision table, resolution rules).
  if (f.comfortCare) reasons.push('comfort-focused care documented');
  return reasons;
}

/**
 * The latest surgery or radiotherapy of the metastatic phase, when it is at least the threshold old and no
 * systemic therapy has been given or ordered since. Local treatment before the metastatic diagnosis belongs
 * to the earlier disease and says nothing about a gap now.
 */
function untreatedAfterLocalTherapy(f: FactBase): FactBase['untreatedAfterLocalTherapy'] {
  const c = f.case;
  const last = f.completedLocalTreatments[0];
  if (!last) return undefined;
  const sinceMs = isoMs(last.date);
  if (c.metastaticDiagnosisDate && sinceMs < isoMs(c.metastaticDiagnosisDate) - DAY_MS) return undefined;
  const days = daysBetween(last.date, c.now);
  if (!(days >= POST_LOCAL_THERAPY_DAYS)) return undefined;
  const after = (e: { active: boolean; date?: string }) => e.active || (e.date !== undefined && isoMs(e.date) >= sinceMs);
  // A medication record whose drug cannot be read may be the therapy: never claim "no therapy since" then.
  const treatedSince = c.therapy.exposures.some((e) => !MODULATORS.includes(e.drug) && after(e)) || (c.therapy.unidentified ?? []).some(after);
  return treatedSince ? undefined : { last, days };
}

/** Days from the last bevacizumab dose to a surgery date, measured as RC-21 and RC-35 measure it. */
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
export function bevacizumabGapToSurgery(f: FactBase, plannedDate: string | undefined): BevacizumabGap | undefined {
  const bev = f.lastBevacizumab;
  if (!bev) return undefined;
  const now = f.case.now;
  const measuredTo = plannedDate !== undefined && isoMs(plannedDate) > isoMs(now) ? plannedDate : now;
  // Only an order on record, and it is still active: a dose may have been given at any time up to now.
  const activeOrder = f.case.therapy.exposures.some((e) => e.drug === 'bevacizumab' && e.kind === 'order' && e.active);
  const from = bev.basis === 'order-date' && activeOrder ? now : bev.date;
  const days = daysBetween(from, measuredTo);
  return Number.isFinite(days) ? { days: Math.max(0, days), measuredTo } : undefined;
}

const lastDone = (procedures: readonly ProcedureFact[], kind: ProcedureKind) =>
  [...procedures].reverse().find((p) => p.kind === kind && p.status === 'done');

export const treatmentFacts: FactDefs<
  | 'lastBevacizumab' | 'recentBevacizumab' | 'recentAntiEgfr' | 'coActiveBiologics' | 'activeBevacizumab' | 'activeAntiEgfr'
  | 'bevacizumabBlockers'
  | 'bevacizumabInPlace' | 'floxuridine' | 'primaryResected' | 'primaryResection' | 'plannedPrimaryResection'
  | 'primaryResectionPlanned' | 'pelvicRtDone' | 'pelvicRtPlanned' | 'pelvisUntouched' | 'locallyAdvanced'
  | 'completedLocalTreatments' | 'untreatedAfterLocalTherapy' | 'plannedElectiveSurgery' | 'surgeryTooSoon'
  | 'lastMajorSurgery' | 'hepaticArterialInfusion'
> = {
  lastBevacizumab: { compute: lastBevacizumab, basis: () => [] },
  recentBevacizumab: {
    compute: (f) => recentSpan(f, ['bevacizumab'], LINE_ACTIVE_DAYS),
    basis: (s, f) => (s ? [drugSpanBasis('Bevacizumab', s, f.case.now)] : []),
  },
  recentAntiEgfr: {
    compute: (f) => recentSpan(f, ANTI_EGFR, LINE_ACTIVE_DAYS),
    basis: (s, f) => (s ? [drugSpanBasis('Anti-EGFR', s, f.case.now)] : []),
  },
  coActiveBiologics: {
    compute: (f) => {
      // Both with an active order; or both given in the last weeks, neither stopped (a stop ends a line).
      const inUse = (drugs: readonly Drug[]) => {
        const active = recentSpan(f, drugs, CO_ACTIVE_BIOLOGICS_DAYS, true);
        if (active) return active;
        const stopped = f.case.therapy.exposures.some((e) => drugs.includes(e.drug) && e.stopped);
        return stopped ? undefined : recentSpan(f, drugs, CO_ACTIVE_BIOLOGICS_DAYS);
      };
      const bev = inUse(['bevacizumab']);
      const egfr = inUse(ANTI_EGFR);
      return bev && egfr && spansOverlap(bev, egfr) ? { bev, egfr } : undefined;
    },
    basis: (both, f) => (both ? [drugSpanBasis('Bevacizumab', both.bev, f.case.now), drugSpanBasis('Anti-EGFR', both.egfr, f.case.now)] : []),
  },
  activeBevacizumab: {
    compute: (f) => recentSpan(f, ['bevacizumab'], LINE_ACTIVE_DAYS, true),
    basis: (s, f) => (s ? [drugSpanBasis('Bevacizumab', s, f.case.now)] : []),
  },
  activeAntiEgfr: {
    compute: (f) => recentSpan(f, ANTI_EGFR, LINE_ACTIVE_DAYS, true),
    basis: (s, f) => (s ? [drugSpanBasis('Anti-EGFR', s, f.case.now)] : []),
  },
  bevacizumabBlockers: { compute: bevacizumabBlockers, basis: () => [] },
  bevacizumabInPlace: {
    compute: (f) => {
      if (drugDrafts(f.allDrafts, ['bevacizumab']).length > 0) return 'drafted';
      return f.recentBevacizumab ? 'running' : undefined;
    },
    basis: () => [],
  },
  floxuridine: {
    compute: (f) =>
      f.case.therapy.exposures.filter((e) => e.drug === 'floxuridine').sort((a, b) => (isoMs(b.date ?? '') || 0) - (isoMs(a.date ?? '') || 0))[0],
    basis: (e) => (e ? [{ label: 'Floxuridine', value: `${e.active ? 'active ' : ''}${e.kind}`, date: e.date, source: e.source }] : []),
  },
  primaryResected: { compute: (f) => f.case.primaryResected, basis: () => [] },
  primaryResection: {
    compute: (f) => lastDone(f.case.procedures, 'primary-resection'),
    basis: (p) => (p ? [procedureBasis('Previous surgery', p)] : []),
  },
  plannedPrimaryResection: {
    // An emergency resection (obstruction, perforation) leaves no time for pre-operative RT.
    compute: (f) => f.case.procedures.find((p) => p.kind === 'primary-resection' && p.status === 'planned' && !p.emergency),
    basis: (p) => (p ? [procedureBasis('Surgery', p)] : []),
  },
  primaryResectionPlanned: {
    compute: (f) =>
      f.case.procedures.some((p) => p.kind === 'primary-resection' && p.status === 'planned') ||
      procedureDrafts(f.allDrafts, new Set(['primary-resection'])).length > 0,
    basis: (planned) => [{ label: 'Resection of the primary', value: planned ? 'planned' : 'not planned' }],
  },
  pelvicRtDone: {
    compute: (f) => f.case.radiotherapy.filter((r) => r.pelvic && r.status === 'done'),
    basis: (done) => {
      const last = done[done.length - 1];
      return [last ? { label: 'Pelvic radiotherapy', value: `${courseName(last)} given`, date: last.date, source: last.source } : { label: 'Pelvic radiotherapy', value: 'none on record' }];
    },
  },
  pelvicRtPlanned: { compute: (f) => f.case.radiotherapy.filter((r) => r.pelvic && r.status === 'planned'), basis: () => [] },
  // A pelvic course already given rules out more (re-irradiation is a specialist question); a planned one means
  // the recommendation is being acted on.
  pelvisUntouched: {
    compute: (f) => !f.primaryResected && f.pelvicRtDone.length === 0 && f.pelvicRtPlanned.length === 0,
    basis: (_v, f) => f.basisOf('pelvicRtDone'),
  },
  locallyAdvanced: {
    compute: (f) => {
      const out: BasedOn[] = [];
      const { t, n } = f.case.tnm;
      if (t && /T[34]/i.test(t.value)) out.push({ label: 'T category', value: t.value, date: t.source.date, source: t.source });
      if (n && /N[12]/i.test(n.value)) out.push({ label: 'N category', value: n.value, date: n.source.date, source: n.source });
      return out;
    },
    basis: (v) => v,
  },
  completedLocalTreatments: {
    compute: (f): LocalTreatment[] => {
      const c = f.case;
      const surgery = c.procedures
        .filter((p) => p.status === 'done' && SURGICAL_KINDS.has(p.kind) && p.date !== undefined)
        .map((p) => ({ what: procedureName(p.kind), date: p.date as string, source: p.source }));
      const rt = c.radiotherapy
        .filter((r) => r.status === 'done' && r.date !== undefined)
        .map((r) => ({ what: `radiotherapy (${courseName(r)})`, date: r.date as string, source: r.source }));
      return [...surgery, ...rt].sort((a, b) => isoMs(b.date) - isoMs(a.date));
    },
    basis: () => [],
  },
  untreatedAfterLocalTherapy: {
    compute: untreatedAfterLocalTherapy,
    basis: (gap) =>
      gap
        ? [
            { label: 'Last local treatment', value: `${gap.last.what}, ${gap.days} days ago`, date: gap.last.date, source: gap.last.source },
            { label: 'Systemic therapy', value: `none since ${gap.last.date.slice(0, 10)}` },
          ]
        : [],
  },
  plannedElectiveSurgery: {
    compute: (f) => f.case.procedures.filter((p) => p.status === 'planned' && !p.emergency && SURGICAL_KINDS.has(p.kind)),
    basis: () => [],
  },
  surgeryTooSoon: {
    compute: (f) => {
      const found = f.plannedElectiveSurgery.flatMap((surgery) => {
        const gap = bevacizumabGapToSurgery(f, surgery.date);
        return gap ? [{ surgery, measuredTo: gap.measuredTo, gapDays: gap.days }] : [];
      });
      return found.filter((x) => x.gapDays < BEVACIZUMAB_SURGERY_GAP_DAYS).sort((a, b) => a.gapDays - b.gapDays)[0];
    },
    basis: (soon, f) => {
      const bev = f.lastBevacizumab;
      if (!soon || !bev) return [];
      const words = { administration: 'administered', statement: 'reported', 'order-date': 'order date; no administration on record' } as const;
      return [
        { label: 'Last bevacizumab', value: words[bev.basis], date: bev.date, source: bev.source },
        procedureBasis('Surgery', soon.surgery),
        { label: 'Interval', value: `${soon.gapDays} days (minimum ${BEVACIZUMAB_SURGERY_GAP_DAYS})` },
      ];
    },
  },
  lastMajorSurgery: {
    compute: (f) =>
      f.case.procedures
        .filter((p): p is ProcedureFact & { date: string } => p.status === 'done' && SURGICAL_KINDS.has(p.kind) && p.date !== undefined)
        .sort((a, b) => isoMs(b.date) - isoMs(a.date))[0],
    basis: (s, f) => (s ? [{ label: 'Last major surgery', value: `${procedureName(s.kind)}, ${daysBetween(s.date, f.case.now)} days ago`, date: s.date, source: s.source }] : []),
  },
  hepaticArterialInfusion: {
    compute: (f) => [...f.case.procedures].reverse().find((p) => p.kind === 'hepatic-arterial-infusion'),
    basis: (p) => (p ? [procedureBasis('Procedure', p)] : []),
  },
};
