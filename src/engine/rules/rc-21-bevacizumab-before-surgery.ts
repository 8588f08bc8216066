import type { LastBevacizumab, SurgeryTooSoon } from '../facts/fact-types.js';
import { isoDay, procedureName } from '../facts/wording.js';
import { DAY_MS, isoMs } from '../../domain/time.js';
import { defineRule, whenAll } from '../rule.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS } from '../thresholds.js';

interface Data {
  soon: SurgeryTooSoon;
  bev: LastBevacizumab;
  now: string;
}

/** RC-21: keep at least 6 weeks between the last bevacizumab dose and elective surgery (wound healing). */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-21',
    title: 'Bevacizumab and elective surgery',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['004'] },
    trigger: `Elective surgery planned (active non-emergency ServiceRequest); last bevacizumab dose within ${BEVACIZUMAB_SURGERY_GAP_DAYS} days before its date (or before now when undated)`,
    recommendation: 'Keep >= 6 weeks between the last bevacizumab dose and elective surgery',
    defaultIndicator: 'warning',
    examples: ['V12b'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['bevacizumab on record', () => f.lastBevacizumab !== undefined],
        [`elective surgery planned within ${BEVACIZUMAB_SURGERY_GAP_DAYS} days of the last dose`, () => f.surgeryTooSoon !== undefined],
      ],
      () => ({ data: { soon: f.surgeryTooSoon as SurgeryTooSoon, bev: f.lastBevacizumab as LastBevacizumab, now: f.case.now } }),
    ),
  card: ({ data: { soon, bev, now } }) => {
    const what = procedureName(soon.surgery.kind);
    const when =
      soon.measuredTo === now
        ? `- Planned ${what}, no future date on the request: today is ${soon.gapDays} days after the last dose.`
        : `- Planned ${what} on ${isoDay(soon.measuredTo)}: ${soon.gapDays} days after the last dose.`;
    const earliest = new Date(isoMs(bev.date) + BEVACIZUMAB_SURGERY_GAP_DAYS * DAY_MS).toISOString();
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
});
