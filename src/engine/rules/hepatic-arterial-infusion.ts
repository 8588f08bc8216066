import type { Firing, Rule } from '../types.js';
import { compact } from '../facts.js';
import { procedureBasis } from '../treatment-history.js';

/** RC-25: hepatic arterial infusion (pump, floxuridine) brings response, not consistent survival, and real toxicity. */
export const hepaticArterialInfusion: Rule = {
  id: 'RC-25',
  title: 'Hepatic arterial infusion',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { level: '1iiA', seeds: ['003'] },
  trigger: 'Hepatic arterial infusion planned or done, or floxuridine given',
  recommendation: 'Higher response rates but no consistent survival gain; biliary sclerosis risk; specialist centres only',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const hai = [...c.procedures].reverse().find((p) => p.kind === 'hepatic-arterial-infusion');
    const fudr = c.therapy.exposures
      .filter((e) => e.drug === 'floxuridine')
      .sort((a, b) => (Date.parse(b.date ?? '') || 0) - (Date.parse(a.date ?? '') || 0))[0];
    if (!hai && !fudr) return null;
    return {
      basedOn: compact([
        hai ? procedureBasis('Procedure', hai) : undefined,
        fudr
          ? { label: 'Floxuridine', value: `${fudr.active ? 'active ' : ''}${fudr.kind}`, date: fudr.date, source: fudr.source }
          : undefined,
      ]),
    };
  },
  card() {
    return {
      summary: 'Hepatic arterial infusion: better response, no consistent survival gain; biliary toxicity; expert centres',
      detail: [
        'Hepatic arterial floxuridine gives higher response rates than systemic chemotherapy, but no consistent survival benefit.',
        '- Monitor liver function: biliary sclerosis, occasionally fatal, is a known toxicity.',
        '- Use it only at centres experienced with hepatic arterial infusion, ideally within a trial.',
      ].join('\n'),
    };
  },
};
