import type { PerformanceStatus } from '../../domain/case.js';
import type { LineFact } from '../facts/fact-types.js';
import { backboneName, performanceCaveat } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { type BiologicFacts, biologicFacts, biologicLine } from './shared/biologic-advice.js';

interface Data {
  line: LineFact;
  biologic: BiologicFacts;
  immunotherapy: boolean;
  performance?: PerformanceStatus;
}

/** The backbone of the next line: the partner not yet given. */
function nextBackbone(line: LineFact): { summary: string; detail: string } {
  const ox = line.drugs.includes('oxaliplatin');
  const iri = line.drugs.includes('irinotecan');
  if (ox && iri) {
    return {
      summary: 'choose the second line at the MDT',
      detail: 'Oxaliplatin and irinotecan have both been given: choose the second line at the MDT (re-introduction, later-line agents or a trial).',
    };
  }
  if (ox) return { summary: 'second-line FOLFIRI-based therapy', detail: 'Offer second-line therapy: **switch the backbone from oxaliplatin to irinotecan (FOLFIRI)**.' };
  if (iri) return { summary: 'second-line FOLFOX-based therapy', detail: 'Offer second-line therapy: **switch the backbone from irinotecan to oxaliplatin (FOLFOX)**.' };
  return { summary: 'second-line FOLFOX or FOLFIRI', detail: 'Offer second-line therapy: a **chemotherapy doublet (FOLFOX or FOLFIRI)**.' };
}

/** RC-12: progression after the first line: switch the chemotherapy backbone; MSI-H: checkpoint inhibitor. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-12',
    title: 'Progression: second-line therapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { seeds: ['002', '004'] },
    trigger:
      'On or after first-line therapy (one line so far); progression on it (disease status worsened, or CEA rising: two consecutive rises, last >= 125% of nadir and above upper normal, design); ECOG 0-2 or unknown (caveat when 2 or unknown)',
    recommendation:
      'Second line: switch the backbone (FOLFOX to FOLFIRI or back) with a biologic; after a first line with an anti-EGFR antibody, bevacizumab is the usual second-line biologic (a recently given anti-EGFR does not block it: that line is ending); MSI-H: checkpoint inhibitor (RC-14)',
    defaultIndicator: 'warning',
    examples: ['V01', 'V20', 'V21', 'V22', 'V22b', 'V24', 'V34', 'V41'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['one line of therapy so far', () => f.linesGiven === 1],
        ['ECOG 0-2 or not documented', () => f.fitForCombination],
        ['progression on the current line', () => f.progressionOnCurrentLine.length > 0],
      ],
      () => {
        mention(f.lines, f.performance);
        return {
          data: {
            line: f.currentLine as LineFact,
            biologic: biologicFacts(f),
            immunotherapy: f.checkpointInhibitorDue,
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }, ctx) => {
    const next = nextBackbone(data.line);
    const lines = [next.detail, biologicLine(data.biologic, ctx.ruleSet === 'extended')];
    if (data.immunotherapy) lines.push('- MSI-H/dMMR: a **checkpoint inhibitor** is the preferred next step (see RC-14).');
    const caveat = performanceCaveat(data.performance, 'second-line therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `Progression on first-line ${backboneName(data.line) ?? 'therapy'}: ${next.summary}${data.immunotherapy ? '; MSI-H: checkpoint inhibitor' : ''}`,
      detail: lines.join('\n'),
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference', 'already-addressed'],
    };
  },
});
