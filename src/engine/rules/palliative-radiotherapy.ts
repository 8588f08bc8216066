import type { BasedOn, Rule } from '../types.js';
import type { Case } from '../../domain/case.js';
import { symptomBasis, symptomList, symptomsOfPrimaryInPlace } from '../facts-symptoms.js';

/** What RC-16 would treat with radiotherapy, each with the datum that shows it. */
interface Target {
  kind: 'primary' | 'brain' | 'bone';
  basedOn: BasedOn[];
}

function targets(c: Case): Target[] {
  const out: Target[] = [];
  const primary = symptomsOfPrimaryInPlace(c, ['bleeding', 'primary-tumour-pain', 'impending-obstruction']);
  if (primary.length > 0) out.push({ kind: 'primary', basedOn: primary.map(symptomBasis) });
  const brain = c.metastases.filter((m) => m.site === 'brain');
  if (brain.length > 0) {
    out.push({ kind: 'brain', basedOn: brain.map((m) => ({ label: 'Metastasis', value: 'brain', date: m.date, source: m.source })) });
  }
  // A symptomatic metastasis whose site could not be read counts for bone only when a bone metastasis is on record.
  const hasBoneMet = c.metastases.some((m) => m.site === 'bone');
  const bone = c.symptoms.filter((s) => s.symptom === 'symptomatic-metastasis' && (s.site === 'bone' || (s.site === undefined && hasBoneMet)));
  if (bone.length > 0) out.push({ kind: 'bone', basedOn: bone.map(symptomBasis) });
  return out;
}

const lines: Record<Target['kind'], (c: Case) => string> = {
  primary: (c) =>
    `- **Primary tumour** (${symptomList(symptomsOfPrimaryInPlace(c, ['bleeding', 'primary-tumour-pain', 'impending-obstruction']))}): palliative pelvic radiotherapy for bleeding and pain.`,
  brain: () => '- **Brain metastasis**: radiotherapy for local control, with neurosurgical input.',
  bone: () => '- **Symptomatic bone metastasis**: palliative radiotherapy for pain and to prevent fracture.',
};

const shortName: Record<Target['kind'], string> = {
  primary: 'symptomatic primary',
  brain: 'brain metastasis',
  bone: 'symptomatic bone metastasis',
};

/** RC-16: radiotherapy is the local-control tool for a symptomatic primary and for brain or painful bone disease. */
export const palliativeRadiotherapy: Rule = {
  id: 'RC-16',
  title: 'Palliative radiotherapy for local control',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002', '004'] },
  trigger:
    'Stage IV; bleeding, pain or impending obstruction of the primary; any brain metastasis; a bone metastasis with `symptomatic-metastasis` documented',
  recommendation: 'Palliative radiotherapy for local control',
  defaultIndicator: 'info',
  applies(c) {
    const found = targets(c);
    if (found.length === 0) return null;
    return { basedOn: found.flatMap((t) => t.basedOn) };
  },
  card(c) {
    const found = targets(c);
    return {
      summary: `Refer for palliative radiotherapy: ${found.map((t) => shortName[t.kind]).join(', ')}`,
      detail: ['Refer to radiation oncology for palliative radiotherapy:', ...found.map((t) => lines[t.kind](c))].join('\n'),
    };
  },
};
