import { defineRule, mention, whenAll } from '../rule.js';

/** RC-09: liver metastases that cannot be resected can still be treated locally alongside systemic therapy. */
export const rule = defineRule<null>({
  meta: {
    id: 'RC-09',
    title: 'Unresectable liver metastases: local options',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['001', '003'], citation: 'ext: ESMO mCRC guideline (Cervantes, Ann Oncol 2023) for SBRT' },
    trigger: 'Liver metastases; latest resectability `unresectable`; systemic therapy started',
    recommendation:
      'Local options: radiofrequency or cryo-ablation (about 2% major morbidity, <1% mortality), embolisation, chemo- or radio-embolisation; ext: SBRT',
    defaultIndicator: 'info',
    examples: ['V37', 'V38', 'V44'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['liver metastases', () => f.liverMetastasis !== undefined],
        ['latest resectability documented unresectable', () => f.resectabilityStatus === 'unresectable'],
        ['systemic therapy started since the metastatic diagnosis', () => f.systemicSinceMetastatic.length > 0],
      ],
      () => {
        mention(f.resectability);
        return { data: null };
      },
    ),
  card: (_firing, ctx) => {
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
});
