import type { RadiotherapyTarget } from '../facts/fact-types.js';
import { symptomList } from '../facts/wording.js';
import type { SymptomFact } from '../../domain/case.js';
import { defineRule, whenAll } from '../rule.js';

interface Data {
  targets: RadiotherapyTarget[];
  primarySymptoms: SymptomFact[];
}

const shortName: Record<RadiotherapyTarget['kind'], string> = {
  primary: 'symptomatic primary',
  brain: 'brain metastasis',
  bone: 'symptomatic bone metastasis',
};

function targetLine(kind: RadiotherapyTarget['kind'], primarySymptoms: readonly SymptomFact[]): string {
  switch (kind) {
    case 'primary':
      return `- **Primary tumour** (${symptomList(primarySymptoms)}): palliative pelvic radiotherapy for bleeding and pain.`;
    case 'brain':
      return '- **Brain metastasis**: radiotherapy for local control, with neurosurgical input.';
    case 'bone':
      return '- **Symptomatic bone metastasis**: palliative radiotherapy for pain and to prevent fracture.';
  }
}

/** RC-16: radiotherapy is the local-control tool for a symptomatic primary and for brain or painful bone disease. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-16',
    title: 'Palliative radiotherapy for local control',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002', '004'] },
    trigger:
      'Stage IV; bleeding, pain or impending obstruction of the primary; any brain metastasis; a bone metastasis with `symptomatic-metastasis` documented',
    recommendation: 'Palliative radiotherapy for local control',
    defaultIndicator: 'info',
    examples: ['V10', 'V39'],
  },
  match: (f) =>
    whenAll(f, [['a symptomatic primary, a brain metastasis or a symptomatic bone metastasis', () => f.radiotherapyTargets.length > 0]], () => ({
      // For the primary's symptoms alone it is the advice of RC-07's alert: a section of that card.
      ...(f.radiotherapyTargets.every((t) => t.kind === 'primary') ? { foldsInto: 'RC-07' } : {}),
      data: { targets: f.radiotherapyTargets, primarySymptoms: f.symptomaticPrimaryInPlace },
    })),
  card: ({ data }) => ({
    summary: `Refer for palliative radiotherapy: ${data.targets.map((t) => shortName[t.kind]).join(', ')}`,
    detail: ['Refer to radiation oncology for palliative radiotherapy:', ...data.targets.map((t) => targetLine(t.kind, data.primarySymptoms))].join('\n'),
  }),
});
