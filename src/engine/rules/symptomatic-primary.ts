import type { Rule } from '../types.js';
import { compact, daysBetween, isoDay, obstructionOrPerforation, stageBasis, therapyBasis } from '../facts.js';
import { symptomBasis, symptomList, symptomsOfPrimaryInPlace } from '../facts-symptoms.js';
import { BEVACIZUMAB_SURGERY_GAP_DAYS } from '../thresholds.js';

/** RC-06: obstruction or perforation needs a surgeon now; it outranks "systemic therapy first" (RC-05). */
export const urgentSurgicalAssessment: Rule = {
  id: 'RC-06',
  title: 'Obstruction or perforation: urgent surgery',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002'] },
  trigger: 'Stage IV; active obstruction or perforation',
  recommendation: 'Urgent surgical assessment (resection or diversion)',
  defaultIndicator: 'critical',
  applies(c) {
    const symptoms = obstructionOrPerforation(c);
    if (symptoms.length === 0) return null;
    return { basedOn: [...symptoms.map(symptomBasis), stageBasis(c)] };
  },
  card(c) {
    const symptoms = obstructionOrPerforation(c);
    const what = symptomList(symptoms);
    const lines = [
      `**Urgent surgical assessment** for ${what}: resection of the primary or a diverting stoma.`,
      '- Start or resume systemic therapy once the patient has recovered from surgery.',
    ];
    const bev = c.therapy.lastBevacizumab;
    if (bev) {
      const days = daysBetween(bev.date, c.now);
      if (days >= 0 && days < BEVACIZUMAB_SURGERY_GAP_DAYS) {
        lines.push(`- Last bevacizumab ${isoDay(bev.date)} (${days} days ago): higher risk of wound and anastomotic complications; tell the surgical team.`);
      }
    }
    return {
      summary: `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} in stage IV rectal cancer: urgent surgical assessment (resection or diversion)`,
      detail: lines.join('\n'),
      overrideReasons: ['already-addressed', 'mdt-decision', 'patient-preference'],
    };
  },
};

/** RC-07: a bleeding, painful or narrowing primary is palliated locally, resection only when that fails. */
export const symptomaticPrimaryPalliation: Rule = {
  id: 'RC-07',
  title: 'Symptomatic primary: local palliation',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['001', '002', '004'] },
  trigger: 'Stage IV; bleeding, impending obstruction or pain from the primary (primary in place)',
  recommendation:
    'Palliative radiotherapy, endoluminal stent (hard in the low rectum) or diversion; palliative resection if these fail',
  defaultIndicator: 'warning',
  applies(c) {
    const symptoms = symptomsOfPrimaryInPlace(c, ['bleeding', 'impending-obstruction', 'primary-tumour-pain']);
    if (symptoms.length === 0) return null;
    return { basedOn: compact([...symptoms.map(symptomBasis), therapyBasis(c)]) };
  },
  card(c) {
    const symptoms = symptomsOfPrimaryInPlace(c, ['bleeding', 'impending-obstruction', 'primary-tumour-pain']);
    const narrowing = symptoms.some((s) => s.symptom === 'impending-obstruction');
    return {
      summary: `Symptomatic primary (${symptomList(symptoms, true)}): palliative RT, stent or diversion; resect only if these fail`,
      detail: [
        'Palliate the primary with a local measure:',
        '- **Palliative radiotherapy** for bleeding and pain.',
        `- **Endoluminal stent**${narrowing ? ' for the narrowing' : ''} (technically difficult in the low rectum), or a **diverting stoma**.`,
        '- Palliative resection of the primary if these measures fail.',
        '',
        'Do not let local treatment delay systemic therapy.',
      ].join('\n'),
      overrideReasons: ['already-addressed', 'mdt-decision', 'patient-preference'],
    };
  },
};
