import type { ProcedureDraft } from '../../domain/draft-order.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import type { LastBevacizumab } from '../facts/fact-types.js';
import { type BevacizumabGap, SURGICAL_KINDS, bevacizumabGapToSurgery, procedureDrafts } from '../facts/treatment-facts.js';
import { capitalise, isoDay } from '../facts/wording.js';
import { defineRule, whenAll } from '../rule.js';
import { BEVACIZUMAB_SURGERY_CRITICAL_DAYS, BEVACIZUMAB_SURGERY_GAP_DAYS } from '../thresholds.js';
import type { Indicator } from '../types.js';
import { draftBasis, shortLabel } from './shared/orders.js';

interface Data {
  draft: ProcedureDraft;
  gap: BevacizumabGap;
  bev: LastBevacizumab;
  now: string;
}

/** The date 6 weeks after the last bevacizumab dose: the earliest safe elective surgery date. */
export function earliestSurgeryDate(bev: LastBevacizumab): string {
  return new Date(isoMs(bev.date) + BEVACIZUMAB_SURGERY_GAP_DAYS * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function indicatorFor(d: ProcedureDraft, gap: BevacizumabGap): Indicator {
  if (d.emergency) return 'info';
  return gap.days < BEVACIZUMAB_SURGERY_CRITICAL_DAYS ? 'critical' : 'warning';
}

/** How the card names the day the gap is measured to. */
function surgeryDay(d: ProcedureDraft, gap: BevacizumabGap, now: string): string {
  if (!d.plannedDate) return 'not yet dated (measured to today)';
  if (gap.measuredTo === now) return `dated ${isoDay(d.plannedDate)}, already past (measured to today)`;
  return `planned for ${isoDay(d.plannedDate)}`;
}

/** RC-35 (order-sign): major surgery within 6 weeks of the last bevacizumab dose; emergencies get a wound-healing note. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-35',
    title: 'Surgery within 6 weeks of bevacizumab',
    origin: 'seed',
    hooks: ['order-sign'],
    evidence: { seeds: ['004'] },
    trigger: `Major surgery being signed; last bevacizumab dose < ${BEVACIZUMAB_SURGERY_GAP_DAYS} days before its date (occurrence[x]; now when undated)`,
    recommendation: `Schedule elective surgery >= 6 weeks after the last dose (< ${BEVACIZUMAB_SURGERY_CRITICAL_DAYS} days: critical); emergency surgery: a wound-healing note`,
    defaultIndicator: 'warning',
    examples: ['V09', 'V11', 'V12', 'V13', 'V57'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['major surgery is being signed', () => procedureDrafts(f.judgedDrafts, SURGICAL_KINDS).length > 0],
        ['bevacizumab on record', () => f.lastBevacizumab !== undefined],
      ],
      () => {
        const bev = f.lastBevacizumab as LastBevacizumab;
        return procedureDrafts(f.judgedDrafts, SURGICAL_KINDS).flatMap((draft) => {
          const gap = bevacizumabGapToSurgery(f, draft.plannedDate);
          if (!gap || gap.days >= BEVACIZUMAB_SURGERY_GAP_DAYS) return [];
          const basis = bev.basis === 'order-date' ? 'order date (no administration on record)' : bev.basis;
          return [
            {
              indicator: indicatorFor(draft, gap),
              data: { draft, gap, bev, now: f.case.now },
              subject: [draftBasis(draft), { label: 'Last bevacizumab', value: `${gap.days} days before the surgery date (${basis})`, date: bev.date, source: bev.source }],
              draftIds: [draft.id],
            },
          ];
        });
      },
      `no surgery being signed is within ${BEVACIZUMAB_SURGERY_GAP_DAYS} days of the last bevacizumab dose`,
    ),
  card: ({ data: { draft, gap, bev, now }, indicator }) => {
    const days = gap.days;
    const label = draft.label;
    const short = shortLabel(draft, label);
    const last = isoDay(bev.date);
    if (indicator === 'info') {
      const before = gap.measuredTo === now ? 'ago' : 'before the surgery date';
      return {
        summary: `Emergency surgery ${days} days after bevacizumab (${short}): expect impaired wound healing`,
        detail: [
          `Emergency surgery goes ahead; the last bevacizumab dose was ${days} days ${before} (${last}).`,
          '- Bevacizumab impairs wound healing and raises the risk of bleeding and anastomotic leak: take it into the operative plan, watch the wound, and hold bevacizumab until it has healed.',
        ].join('\n'),
      };
    }
    const earliest = earliestSurgeryDate(bev);
    const critical = indicator === 'critical';
    return {
      summary: `${capitalise(short)} ${days} days after the last bevacizumab (< ${critical ? BEVACIZUMAB_SURGERY_CRITICAL_DAYS : BEVACIZUMAB_SURGERY_GAP_DAYS}): schedule from ${isoDay(earliest)}`,
      detail: [
        `**Keep at least 6 weeks between the last bevacizumab dose and elective surgery**: last dose ${last}, surgery ${surgeryDay(draft, gap, now)}: ${days} days.`,
        `- ${critical ? `Under ${BEVACIZUMAB_SURGERY_CRITICAL_DAYS} days: high risk of wound dehiscence and bleeding.` : 'Within 6 weeks: increased risk of wound-healing complications.'}`,
        `- Schedule it on or after ${isoDay(earliest)}; hold bevacizumab until then.`,
      ].join('\n'),
      suggestions: [
        {
          label: `Move the ${label} to ${isoDay(earliest)}`,
          isRecommended: true,
          actions: [{ type: 'reschedule-draft', draftId: draft.id, occurrence: earliest, description: `Schedule the ${label} on ${isoDay(earliest)}, 6 weeks after the last bevacizumab dose` }],
        },
      ],
      overrideReasons: ['mdt-decision', 'already-addressed', 'clinical-trial'],
    };
  },
});
