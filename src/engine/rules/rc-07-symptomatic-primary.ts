import type { SymptomFact } from '../../domain/case.js';
import { symptomList } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';

/** RC-07: a bleeding, painful or narrowing primary is palliated locally, resection only when that fails. */
export const rule = defineRule<{ symptoms: SymptomFact[]; comfortCare: boolean }>({
  meta: {
    id: 'RC-07',
    title: 'Symptomatic primary: local palliation',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['001', '002', '004'] },
    trigger: 'Stage IV; bleeding, impending obstruction or pain from the primary (primary in place)',
    recommendation:
      'Palliative radiotherapy, endoluminal stent (hard in the low rectum) or diversion; palliative resection if these fail',
    defaultIndicator: 'warning',
    examples: ['V10'],
  },
  match: (f) =>
    whenAll(f, [['bleeding, impending obstruction or pain of a primary in place', () => f.symptomaticPrimaryInPlace.length > 0]], () => {
      mention(f.systemicSinceMetastatic);
      return { data: { symptoms: f.symptomaticPrimaryInPlace, comfortCare: f.comfortCare !== undefined } };
    }),
  card: ({ data: { symptoms, comfortCare } }) => {
    const narrowing = symptoms.some((s) => s.symptom === 'impending-obstruction');
    return {
      summary: `Symptomatic primary (${symptomList(symptoms, true)}): palliative RT, stent or diversion; resect only if these fail`,
      detail: [
        'Palliate the primary with a local measure:',
        '- **Palliative radiotherapy** for bleeding and pain.',
        `- **Endoluminal stent**${narrowing ? ' for the narrowing' : ''} (technically difficult in the low rectum), or a **diverting stoma**.`,
        '- Palliative resection of the primary if these measures fail.',
        '',
        // Under comfort-focused care there is no systemic therapy to protect: relief is the whole aim.
        comfortCare ? 'Comfort-focused care is documented: choose the measure that relieves with least burden.' : 'Do not let local treatment delay systemic therapy.',
      ].join('\n'),
      overrideReasons: ['already-addressed', 'mdt-decision', 'patient-preference'],
    };
  },
});
