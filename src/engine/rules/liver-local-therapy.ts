import type { Rule } from '../types.js';
import { compact, resectabilityBasis, systemicTherapySinceMetastatic, therapyBasis } from '../facts.js';

/** RC-09: liver metastases that cannot be resected can still be treated locally alongside systemic therapy. */
export const liverLocalTherapy: Rule = {
  id: 'RC-09',
  title: 'Unresectable liver metastases: local options',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['001', '003'], citation: 'ext: ESMO mCRC guideline (Cervantes, Ann Oncol 2023) for SBRT' },
  trigger: 'Liver metastases; latest resectability `unresectable`; systemic therapy started',
  recommendation:
    'Local options: radiofrequency or cryo-ablation (about 2% major morbidity, <1% mortality), embolisation, chemo- or radio-embolisation; ext: SBRT',
  defaultIndicator: 'info',
  applies(c) {
    const liver = c.metastases.find((m) => m.site === 'liver');
    if (!liver || c.resectability?.value !== 'unresectable') return null;
    if (systemicTherapySinceMetastatic(c).length === 0) return null;
    return {
      basedOn: compact([
        { label: 'Metastasis', value: 'liver', date: liver.date, source: liver.source },
        resectabilityBasis(c),
        therapyBasis(c),
      ]),
    };
  },
  card(_c, _firing, ctx) {
    const lines = [
      'Discuss local treatment of the liver metastases at the MDT (interventional radiology, liver surgery), alongside systemic therapy:',
      '- **Radiofrequency or cryo-ablation**: about 2% major morbidity and <1% mortality; can give long-term control of small lesions.',
      '- **Embolisation**, **chemoembolisation** or **radioembolisation**.',
    ];
    if (ctx.ruleSet === 'extended') lines.push('- **Stereotactic body radiotherapy (SBRT)** for lesions unsuitable for ablation.');
    return {
      summary: 'Unresectable liver metastases on systemic therapy: consider ablation or embolisation at the MDT',
      detail: lines.join('\n'),
    };
  },
};
