import type { Drug, PerformanceStatus } from '../../domain/case.js';
import { performanceCaveat } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';

interface Data {
  linesGiven: number;
  krasG12c: boolean;
  laterLineAgentsGiven: Drug[];
  bevacizumabBlockers: string[];
  checkpointInhibitorDue: boolean;
  brafV600e: boolean;
  her2Amplified: boolean;
  performance?: PerformanceStatus;
}

/** Later-line agents beyond the seeds, with the trial that supports each (ext part of RC-13). */
const LATER_LINE_OPTIONS: readonly { drug: Drug; text: string }[] = [
  { drug: 'trifluridine-tipiracil', text: '**Trifluridine/tipiracil + bevacizumab** (SUNLIGHT)' },
  { drug: 'regorafenib', text: '**Regorafenib** (CORRECT)' },
  { drug: 'fruquintinib', text: '**Fruquintinib** (FRESCO-2)' },
];

/** RC-13: progression after two or more lines: third line only for selected fit patients. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-13',
    title: 'Progression: later-line therapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: {
      seeds: ['002'],
      citation: 'ext: SUNLIGHT (Prager, NEJM 2023); CORRECT (Grothey, Lancet 2013); FRESCO-2 (Dasari, Lancet 2023); CodeBreaK 300 (Fakih, NEJM 2023); KRYSTAL-1 (Yaeger, NEJM 2023)',
    },
    trigger: 'Two or more lines given; progression on the current line; ECOG 0-2 or unknown (caveat when 2 or unknown)',
    recommendation:
      'Third line for selected fit patients; ext: trifluridine/tipiracil + bevacizumab, regorafenib, fruquintinib; KRAS G12C: sotorasib + panitumumab or adagrasib + cetuximab',
    defaultIndicator: 'info',
    examples: ['V23', 'V35', 'V36'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['two or more lines of therapy given', () => f.linesGiven >= 2],
        ['ECOG 0-2 or not documented', () => f.fitForCombination],
        ['progression on the current line', () => f.progressionOnCurrentLine.length > 0],
      ],
      () => {
        mention(f.lines, f.performance, f.checkpointInhibitorDue);
        return {
          data: {
            linesGiven: f.linesGiven,
            // A G12C inhibitor already given: that option has been used.
            krasG12c: f.krasG12c && f.g12cInhibitorGiven === undefined,
            laterLineAgentsGiven: f.laterLineAgentsGiven,
            bevacizumabBlockers: f.bevacizumabBlockers,
            checkpointInhibitorDue: f.checkpointInhibitorDue,
            brafV600e: f.brafV600e,
            her2Amplified: f.her2Amplified,
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }, ctx) => {
    const n = data.linesGiven;
    const lines = ['Further therapy is for selected patients in good performance status; a clinical trial is a good option.'];
    if (ctx.ruleSet === 'extended') {
      const open = LATER_LINE_OPTIONS.filter((o) => !data.laterLineAgentsGiven.includes(o.drug));
      if (open.length > 0) lines.push('Later-line options:', ...open.map((o) => `- ${o.text}`));
      else lines.push('- Trifluridine/tipiracil, regorafenib and fruquintinib have all been given: best supportive care or a trial.');
      // The one exception to "no anti-EGFR in RAS-mutant disease": with a G12C inhibitor, never alone.
      if (data.krasG12c) lines.push('- KRAS G12C: **sotorasib + panitumumab** (CodeBreaK 300) or **adagrasib + cetuximab** (KRYSTAL-1); the anti-EGFR antibody only with the G12C inhibitor.');
      if (data.bevacizumabBlockers.length > 0 && open.some((o) => o.text.includes('bevacizumab'))) {
        lines.push(`- Bevacizumab not now (${data.bevacizumabBlockers.join(', ')}): trifluridine/tipiracil alone until it may be added.`);
      }
      if (data.checkpointInhibitorDue) lines.push('- MSI-H/dMMR: checkpoint inhibitor (see RC-14).');
      if (data.brafV600e) lines.push('- BRAF V600E: encorafenib-based therapy (see RC-E2).');
      if (data.her2Amplified) lines.push('- HER2 amplified: HER2-directed therapy (see RC-E6).');
    }
    const caveat = performanceCaveat(data.performance, 'later-line therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `Progression after ${n} lines of therapy: ${n === 2 ? 'third' : 'later'}-line options for fit patients, or a clinical trial`,
      detail: lines.join('\n'),
    };
  },
});
