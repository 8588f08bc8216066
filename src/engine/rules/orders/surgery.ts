import type { Case } from '../../../domain/case.js';
import type { ProcedureDraft } from '../../../domain/draft-order.js';
import type { Indicator, Rule } from '../../types.js';
import { isoDay, primarySymptoms, stageBasis } from '../../facts.js';
import { BEVACIZUMAB_SURGERY_CRITICAL_DAYS, BEVACIZUMAB_SURGERY_GAP_DAYS } from '../../thresholds.js';
import { type BevacizumabGap, bevacizumabGapToSurgery } from '../../treatment-history.js';
import {
  MAJOR_SURGERY, capitalise, curativePlan, draftBasis, draftsOf, judgedDrafts, orderRule, procedureDrafts, shortLabel,
} from './order-facts.js';
import { DAY_MS } from '../../../domain/time.js';

/** RC-32 (elective resection of an asymptomatic primary) and RC-35 (surgery too soon after bevacizumab). Sign only. */


/** RC-32: elective resection of an asymptomatic primary in stage IV disease without a curative plan. */
export const electivePrimaryResection: Rule = orderRule({
  id: 'RC-32',
  title: 'Elective resection of an asymptomatic primary',
  origin: 'seed',
  hooks: ['order-sign'],
  evidence: { seeds: ['002'] },
  trigger: 'Elective (non-emergency) resection of the rectal primary being signed; stage IV; asymptomatic primary; no curative plan',
  recommendation: 'Systemic therapy and tumour board first; operate on the primary for symptoms',
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    if (c.primaryResected || primarySymptoms(c).length > 0) return [];
    return procedureDrafts(judgedDrafts(ctx), new Set(['primary-resection']))
      .filter((d) => !d.emergency && !curativePlan(c, d))
      .map((d) => ({
        basedOn: [draftBasis(d), stageBasis(c), { label: 'Symptoms of the primary', value: 'none documented' }, { label: 'Treatment intent', value: 'no curative plan documented' }],
        draftIds: [d.id],
      }));
  },
  card(_c, firing, ctx) {
    const d = draftsOf(ctx, firing)[0];
    const label = d?.label ?? 'resection of the primary';
    return {
      summary: `${shortLabel(d, label)} (elective): asymptomatic primary in stage IV, no curative plan; systemic therapy first`,
      detail: [
        `**Reconsider the elective resection (${label})**: with stage IV disease and an asymptomatic primary, systemic therapy comes first; most primaries never need an operation.`,
        '- Present at the tumour board; operate on the primary for obstruction, bleeding or perforation, or within a curative plan.',
      ].join('\n'),
      suggestions: d ? [{ label: `Cancel the ${label}`, isRecommended: true, actions: [{ type: 'delete-draft', draftId: d.id, description: `Cancel the ${label} order` }] }] : [],
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference'],
    };
  },
});

/** Measured as RC-21 measures it: to the planned date, or to now when undated or already past. */
function gapToSurgery(c: Case, d: ProcedureDraft): BevacizumabGap | undefined {
  return bevacizumabGapToSurgery(c, d.plannedDate);
}

/** How the card names the day the gap is measured to. */
function surgeryDay(c: Case, d: ProcedureDraft | undefined, gap: BevacizumabGap | undefined): string {
  if (!d?.plannedDate) return 'not yet dated (measured to today)';
  if (gap?.measuredTo === c.now) return `dated ${isoDay(d.plannedDate)}, already past (measured to today)`;
  return `planned for ${isoDay(d.plannedDate)}`;
}

function indicatorFor(d: ProcedureDraft, gap: BevacizumabGap): Indicator {
  if (d.emergency) return 'info';
  return gap.days < BEVACIZUMAB_SURGERY_CRITICAL_DAYS ? 'critical' : 'warning';
}

/** The date 6 weeks after the last bevacizumab dose: the earliest safe elective surgery date. */
export function earliestSurgeryDate(c: Case): string | undefined {
  const bev = c.therapy.lastBevacizumab;
  if (!bev) return undefined;
  return new Date(Date.parse(bev.date) + BEVACIZUMAB_SURGERY_GAP_DAYS * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RC-35: major surgery within 6 weeks of the last bevacizumab dose; emergencies get a wound-healing note. */
export const surgeryAfterBevacizumab: Rule = orderRule({
  id: 'RC-35',
  title: 'Surgery within 6 weeks of bevacizumab',
  origin: 'seed',
  hooks: ['order-sign'],
  evidence: { seeds: ['004'] },
  trigger: `Major surgery being signed; last bevacizumab dose < ${BEVACIZUMAB_SURGERY_GAP_DAYS} days before its date (occurrence[x]; now when undated)`,
  recommendation: `Schedule elective surgery >= 6 weeks after the last dose (< ${BEVACIZUMAB_SURGERY_CRITICAL_DAYS} days: critical); emergency surgery: a wound-healing note`,
  defaultIndicator: 'warning',
  appliesEach(c, ctx) {
    const bev = c.therapy.lastBevacizumab;
    if (!bev) return [];
    return procedureDrafts(judgedDrafts(ctx), MAJOR_SURGERY).flatMap((d) => {
      const gap = gapToSurgery(c, d);
      if (!gap || gap.days >= BEVACIZUMAB_SURGERY_GAP_DAYS) return [];
      const basis = bev.basis === 'order-date' ? 'order date (no administration on record)' : bev.basis;
      return [
        {
          indicator: indicatorFor(d, gap),
          basedOn: [
            draftBasis(d),
            { label: 'Last bevacizumab', value: `${gap.days} days before the surgery date (${basis})`, date: bev.date, source: bev.source },
          ],
          draftIds: [d.id],
        },
      ];
    });
  },
  card(c, firing, ctx) {
    const d = draftsOf(ctx, firing)[0] as ProcedureDraft | undefined;
    const gap = d ? gapToSurgery(c, d) : undefined;
    const days = gap?.days ?? 0;
    const label = d?.label ?? 'surgery';
    const short = shortLabel(d, label);
    const when = surgeryDay(c, d, gap);
    const last = isoDay(c.therapy.lastBevacizumab?.date);
    if (firing.indicator === 'info') {
      const before = gap?.measuredTo === c.now ? 'ago' : 'before the surgery date';
      return {
        summary: `Emergency surgery ${days} days after bevacizumab (${short}): expect impaired wound healing`,
        detail: [
          `Emergency surgery goes ahead; the last bevacizumab dose was ${days} days ${before} (${last}).`,
          '- Bevacizumab impairs wound healing and raises the risk of bleeding and anastomotic leak: take it into the operative plan, watch the wound, and hold bevacizumab until it has healed.',
        ].join('\n'),
      };
    }
    const earliest = earliestSurgeryDate(c);
    const critical = firing.indicator === 'critical';
    return {
      summary: `${capitalise(short)} ${days} days after the last bevacizumab (< ${critical ? BEVACIZUMAB_SURGERY_CRITICAL_DAYS : BEVACIZUMAB_SURGERY_GAP_DAYS}): schedule from ${isoDay(earliest)}`,
      detail: [
        `**Keep at least 6 weeks between the last bevacizumab dose and elective surgery**: last dose ${last}, surgery ${when}: ${days} days.`,
        `- ${critical ? `Under ${BEVACIZUMAB_SURGERY_CRITICAL_DAYS} days: high risk of wound dehiscence and bleeding.` : 'Within 6 weeks: increased risk of wound-healing complications.'}`,
        `- Schedule it on or after ${isoDay(earliest)}; hold bevacizumab until then.`,
      ].join('\n'),
      suggestions:
        d && earliest
          ? [
              {
                label: `Move the ${label} to ${isoDay(earliest)}`,
                isRecommended: true,
                actions: [{ type: 'reschedule-draft', draftId: d.id, occurrence: earliest, description: `Schedule the ${label} on ${isoDay(earliest)}, 6 weeks after the last bevacizumab dose` }],
              },
            ]
          : [],
      overrideReasons: ['mdt-decision', 'already-addressed', 'clinical-trial'],
    };
  },
});
