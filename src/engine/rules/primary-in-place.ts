import type { Rule } from '../types.js';
import {
  compact,
  isUnresectable,
  isUntreatedSinceMetastatic,
  primarySymptoms,
  resectabilityBasis,
  stageBasis,
  therapyBasis,
} from '../facts.js';

/** RC-05: an asymptomatic primary in unresectable stage IV disease is not resected prophylactically. */
export const asymptomaticPrimaryFirst: Rule = {
  id: 'RC-05',
  title: 'Asymptomatic primary: systemic therapy first',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { level: 'IV', seeds: ['002', '004'] },
  trigger:
    'Stage IV; primary in place (not resected) and asymptomatic; no systemic therapy since the metastatic diagnosis date; unresectable',
  recommendation:
    'Systemic therapy first; do not resect the asymptomatic primary prophylactically (most never need intervention); re-stage after 2-3 cycles',
  defaultIndicator: 'info',
  applies(c) {
    if (c.primaryResected || primarySymptoms(c).length > 0) return null;
    if (!isUntreatedSinceMetastatic(c) || !isUnresectable(c)) return null;
    return {
      basedOn: compact([
        stageBasis(c),
        { label: 'Primary tumour', value: 'in place, no symptoms documented' },
        resectabilityBasis(c),
        therapyBasis(c),
      ]),
    };
  },
  card() {
    return {
      summary: 'Asymptomatic primary, unresectable metastases: systemic therapy first, no prophylactic resection',
      detail: [
        'Start with systemic therapy; do **not** resect the asymptomatic primary prophylactically: most primaries never need an intervention.',
        '- Re-stage after 2-3 cycles.',
        '- Operate on the primary only for obstruction, perforation or bleeding that other measures cannot control.',
      ].join('\n'),
    };
  },
};
