import type { Case, DrugExposure, ProcedureFact } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { daysBetween, isoDay, systemicTherapySinceMetastatic } from '../facts.js';
import { onSystemicTherapy } from '../disease-course.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS, LINE_ACTIVE_DAYS, PERIOPERATIVE_MAX_DAYS } from '../thresholds.js';
import { bevacizumabGapToSurgery, plannedElectiveSurgery, procedureBasis, procedureName } from '../treatment-history.js';
import { DAY_MS } from '../../domain/time.js';

/** Timing around surgery on a treated patient: RC-19 (perioperative therapy length), RC-21 (bevacizumab gap). */


/**
 * The systemic therapy of the curative pathway: since the metastatic diagnosis, and of those the exposures
 * recorded with curative intent when any are (older adjuvant therapy belongs to another pathway).
 */
function curativePathway(c: Case): DrugExposure[] {
  const since = systemicTherapySinceMetastatic(c);
  const flagged = since.filter((e) => e.curative === true);
  return flagged.length > 0 ? flagged : since;
}

function firstDate(xs: readonly DrugExposure[]): string | undefined {
  return xs
    .map((e) => e.date)
    .filter((d): d is string => d !== undefined && Number.isFinite(Date.parse(d)))
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

function stillActive(c: Case, pathway: readonly DrugExposure[]): boolean {
  if (onSystemicTherapy(c) || pathway.some((e) => e.active)) return true;
  return pathway.some((e) => e.date !== undefined && daysBetween(e.date, c.now) <= LINE_ACTIVE_DAYS);
}

/** RC-19: on a curative pathway, perioperative systemic therapy should stop by 6 months. */
export const perioperativeDuration: Rule = {
  id: 'RC-19',
  title: 'Perioperative therapy limited to 6 months',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002', '004'] },
  trigger: `Curative intent documented; >= ${PERIOPERATIVE_MAX_DAYS} days from the first systemic dose of the curative pathway to now, therapy still active`,
  recommendation: 'Total perioperative therapy should not exceed 6 months',
  defaultIndicator: 'warning',
  applies(c): Firing | null {
    if (!c.curativeIntent) return null;
    const pathway = curativePathway(c);
    const first = firstDate(pathway);
    if (!first || !stillActive(c, pathway)) return null;
    const days = daysBetween(first, c.now);
    if (days < PERIOPERATIVE_MAX_DAYS) return null;
    const firstExposure = pathway.find((e) => e.date === first);
    const latest = [...pathway].filter((e) => e.date !== undefined).sort((a, b) => Date.parse(b.date as string) - Date.parse(a.date as string))[0];
    return {
      basedOn: [
        { label: 'Treatment intent', value: 'curative', date: c.curativeIntent.date, source: c.curativeIntent },
        { label: 'First dose of the curative pathway', value: `${firstExposure?.drug ?? 'systemic therapy'}, ${days} days ago`, date: first, source: firstExposure?.source },
        { label: 'Systemic therapy', value: latest ? `still active (latest: ${latest.drug} ${latest.kind})` : 'still active', date: latest?.date, source: latest?.source },
      ],
    };
  },
  card(c) {
    const first = firstDate(curativePathway(c));
    const days = first ? daysBetween(first, c.now) : PERIOPERATIVE_MAX_DAYS;
    return {
      summary: `Curative pathway: perioperative therapy has run ${days} days, past the 6-month limit; plan to stop`,
      detail: [
        `Total perioperative (pre- plus post-operative) systemic therapy should not exceed **6 months** (${PERIOPERATIVE_MAX_DAYS} days) when the intent is curative.`,
        `- First dose of the pathway: ${isoDay(first)}, ${days} days ago.`,
        '- Plan the end of treatment now; a longer course needs a tumour board decision.',
      ].join('\n'),
      overrideReasons: ['mdt-decision', 'clinical-trial', 'already-addressed'],
    };
  },
};

interface TooSoon {
  surgery: ProcedureFact;
  gapDays: number;
  /** The surgery date, or now when the request is undated or its date has passed. */
  measuredTo: string;
}

/** The planned elective operation closest to the last bevacizumab dose, when within the gap. */
function surgeryTooSoon(c: Case): TooSoon | undefined {
  const found = plannedElectiveSurgery(c).flatMap((surgery) => {
    const gap = bevacizumabGapToSurgery(c, surgery.date);
    return gap ? [{ surgery, measuredTo: gap.measuredTo, gapDays: gap.days }] : [];
  });
  return found.filter((f) => f.gapDays < BEVACIZUMAB_SURGERY_GAP_DAYS).sort((a, b) => a.gapDays - b.gapDays)[0];
}

const basisWords = { administration: 'administered', statement: 'reported', 'order-date': 'order date; no administration on record' } as const;

/** RC-21: keep at least 6 weeks between the last bevacizumab dose and elective surgery (wound healing). */
export const bevacizumabBeforeSurgery: Rule = {
  id: 'RC-21',
  title: 'Bevacizumab and elective surgery',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['004'] },
  trigger: `Elective surgery planned (active non-emergency ServiceRequest); last bevacizumab dose within ${BEVACIZUMAB_SURGERY_GAP_DAYS} days before its date (or before now when undated)`,
  recommendation: 'Keep >= 6 weeks between the last bevacizumab dose and elective surgery',
  defaultIndicator: 'warning',
  applies(c): Firing | null {
    const soon = surgeryTooSoon(c);
    const bev = c.therapy.lastBevacizumab;
    if (!soon || !bev) return null;
    return {
      basedOn: [
        { label: 'Last bevacizumab', value: basisWords[bev.basis], date: bev.date, source: bev.source },
        procedureBasis('Surgery', soon.surgery),
        { label: 'Interval', value: `${soon.gapDays} days (minimum ${BEVACIZUMAB_SURGERY_GAP_DAYS})` },
      ],
    };
  },
  card(c) {
    const soon = surgeryTooSoon(c);
    const bev = c.therapy.lastBevacizumab;
    if (!soon || !bev) throw new Error('RC-21 card without a firing');
    const what = procedureName(soon.surgery.kind);
    const when =
      soon.measuredTo === c.now
        ? `- Planned ${what}, no future date on the request: today is ${soon.gapDays} days after the last dose.`
        : `- Planned ${what} on ${isoDay(soon.measuredTo)}: ${soon.gapDays} days after the last dose.`;
    const earliest = new Date(Date.parse(bev.date) + BEVACIZUMAB_SURGERY_GAP_DAYS * DAY_MS).toISOString();
    const orderDate = bev.basis === 'order-date' ? ' This is the order date: the actual last dose may be later (an active order is counted as given up to today).' : '';
    return {
      summary: `Planned ${what} ${soon.gapDays} days after the last bevacizumab: keep at least 6 weeks between them`,
      detail: [
        'Keep at least **6 weeks** between the last bevacizumab dose and elective surgery (wound healing, bleeding).',
        `- Last bevacizumab: ${isoDay(bev.date)}.${orderDate}`,
        when,
        `- Reschedule to ${isoDay(earliest)} or later, and give no further bevacizumab before the operation.`,
      ].join('\n'),
      overrideReasons: ['mdt-decision', 'already-addressed'],
    };
  },
};
