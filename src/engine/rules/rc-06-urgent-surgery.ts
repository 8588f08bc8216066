import type { SymptomFact } from '../../domain/case.js';
import type { LastBevacizumab } from '../facts/fact-types.js';
import { capitalise, daysBetween, isoDay, symptomList } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS } from '../thresholds.js';

interface Data {
  symptoms: SymptomFact[];
  /** The last bevacizumab dose, when within the wound-healing gap: the surgical team must know. */
  recentBevacizumab?: LastBevacizumab & { days: number };
  /** Comfort-focused care documented: the card speaks of relief only, never of resuming cancer therapy. */
  comfortCare: boolean;
}

/** RC-06: obstruction or perforation needs a surgeon now; it outranks "systemic therapy first" (RC-05). */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-06',
    title: 'Obstruction or perforation: urgent surgery',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002'] },
    trigger: 'Stage IV; active obstruction or perforation',
    recommendation: 'Urgent surgical assessment (resection or diversion)',
    defaultIndicator: 'critical',
    examples: ['V01', 'V08', 'V09', 'V10'],
  },
  match: (f) =>
    whenAll(f, [['active obstruction or perforation', () => f.obstructionOrPerforation.length > 0]], () => {
      mention(f.stage);
      const bev = f.lastBevacizumab;
      const days = bev ? daysBetween(bev.date, f.case.now) : undefined;
      const recent = bev && days !== undefined && days >= 0 && days < BEVACIZUMAB_SURGERY_GAP_DAYS ? { ...bev, days } : undefined;
      return {
        data: { symptoms: f.obstructionOrPerforation, comfortCare: f.comfortCare !== undefined, ...(recent ? { recentBevacizumab: recent } : {}) },
      };
    }),
  card: ({ data }) => {
    const what = symptomList(data.symptoms);
    const lines = data.comfortCare
      ? [
          `**Urgent surgical assessment** for ${what}: a diverting stoma or stent for relief, as the goals of care allow.`,
          '- Comfort-focused care is documented: the aim is relief, not cancer control (see RC-26).',
        ]
      : [
          `**Urgent surgical assessment** for ${what}: resection of the primary or a diverting stoma.`,
          '- Start or resume systemic therapy once the patient has recovered from surgery.',
        ];
    const bev = data.recentBevacizumab;
    if (bev) lines.push(`- Last bevacizumab ${isoDay(bev.date)} (${bev.days} days ago): higher risk of wound and anastomotic complications; tell the surgical team.`);
    return {
      summary: `${capitalise(what)} in stage IV rectal cancer: urgent surgical assessment (resection or diversion)`,
      detail: lines.join('\n'),
      overrideReasons: ['already-addressed', 'mdt-decision', 'patient-preference'],
    };
  },
});
