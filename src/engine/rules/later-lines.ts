import { bevacizumabBlockers } from './orders/order-facts.js';
import type { Case, Drug, TherapyLine } from '../../domain/case.js';
import type { EvaluationContext, Firing, Rule } from '../types.js';
import { compact, fitForCombination, performanceBasis, rasMutant, rasWildTypeForAntiEgfr } from '../facts.js';
import { currentLine } from '../disease-course.js';
import { msiBasis, msiHigh } from '../facts-biomarkers.js';
import {
  backboneName, checkpointInhibitorGiven, drugGiven, lineBasis, lineHas, linesGiven, progressionOnCurrentLine,
} from '../facts-lines.js';
import { performanceCaveat } from '../performance-caveat.js';

/** Therapy after progression: RC-12 (second line) and RC-13 (third and later lines). */

function progressionFiring(c: Case, lines: (n: number) => boolean): Firing | null {
  const line = currentLine(c);
  if (!line || !lines(linesGiven(c)) || !fitForCombination(c)) return null;
  const progression = progressionOnCurrentLine(c);
  if (progression.length === 0) return null;
  return {
    basedOn: compact([
      ...c.therapy.lines.map(lineBasis),
      ...progression,
      performanceBasis(c),
      msiHigh(c) ? msiBasis(c) : undefined,
    ]),
  };
}

/** The backbone of the next line: the partner not yet given. */
function nextBackbone(line: TherapyLine): { summary: string; detail: string } {
  const ox = lineHas(line, 'oxaliplatin');
  const iri = lineHas(line, 'irinotecan');
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

/**
 * The biologic line: never an anti-EGFR antibody unless RAS is wild-type, and no bevacizumab while another
 * rule forbids it (recent or planned surgery, bleeding primary, ...).
 */
function biologicLine(c: Case, ctx: EvaluationContext): string {
  const extended = ctx.ruleSet === 'extended';
  const blockers = bevacizumabBlockers(c, ctx);
  const bev = blockers.length === 0 ? 'bevacizumab' : `no bevacizumab for now (${blockers.join(', ')})`;
  const mutant = rasMutant(c, extended);
  if (mutant) {
    const what = `${mutant.gene}${mutant.used?.variant ? ` ${mutant.used.variant}` : ''} mutant`;
    return `- Biologic: ${bev}; no anti-EGFR antibody (${what}).`;
  }
  if (rasWildTypeForAntiEgfr(c, extended)) {
    if (extended && c.biomarkers.braf.v600e) return `- Biologic: ${bev}; with BRAF V600E an anti-EGFR antibody is given with encorafenib (see RC-E2).`;
    return `- Biologic: ${bev}, or an anti-EGFR antibody if none was given first line (RAS wild-type).`;
  }
  return `- Biologic: ${bev}; an anti-EGFR antibody only after a RAS wild-type result (see RC-04).`;
}

/** RC-12: progression after the first line: switch the chemotherapy backbone; MSI-H: checkpoint inhibitor. */
export const secondLine: Rule = {
  id: 'RC-12',
  title: 'Progression: second-line therapy',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['002', '004'] },
  trigger:
    'On or after first-line therapy (one line so far); progression on it (disease status worsened, or CEA rising: two consecutive rises, last >= 125% of nadir and above upper normal, design); ECOG 0-2 or unknown (caveat when 2 or unknown)',
  recommendation: 'Second line: switch the backbone (FOLFOX to FOLFIRI or back); MSI-H: checkpoint inhibitor (RC-14)',
  defaultIndicator: 'warning',
  applies: (c) => progressionFiring(c, (n) => n === 1),
  card(c, _firing, ctx) {
    const line = currentLine(c) as TherapyLine;
    const next = nextBackbone(line);
    const immunotherapy = msiHigh(c) && !checkpointInhibitorGiven(c);
    const lines = [next.detail, biologicLine(c, ctx)];
    if (immunotherapy) lines.push('- MSI-H/dMMR: a **checkpoint inhibitor** is the preferred next step (see RC-14).');
    const caveat = performanceCaveat(c, 'second-line therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `Progression on first-line ${backboneName(line) ?? 'therapy'}: ${next.summary}${immunotherapy ? '; MSI-H: checkpoint inhibitor' : ''}`,
      detail: lines.join('\n'),
      overrideReasons: ['mdt-decision', 'clinical-trial', 'patient-preference', 'already-addressed'],
    };
  },
};

/** Later-line agents beyond the seeds, with the trial that supports each (ext part of RC-13). */
const LATER_LINE_OPTIONS: readonly { drugs: Drug[]; text: string }[] = [
  { drugs: ['trifluridine-tipiracil'], text: '**Trifluridine/tipiracil + bevacizumab** (SUNLIGHT)' },
  { drugs: ['regorafenib'], text: '**Regorafenib** (CORRECT)' },
  { drugs: ['fruquintinib'], text: '**Fruquintinib** (FRESCO-2)' },
];

/** RC-13: progression after two or more lines: third line only for selected fit patients. */
export const thirdLine: Rule = {
  id: 'RC-13',
  title: 'Progression: later-line therapy',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: {
    seeds: ['002'],
    citation: 'ext: SUNLIGHT (Prager, NEJM 2023); CORRECT (Grothey, Lancet 2013); FRESCO-2 (Dasari, Lancet 2023)',
  },
  trigger: 'Two or more lines given; progression on the current line; ECOG 0-2 or unknown (caveat when 2 or unknown)',
  recommendation: 'Third line for selected fit patients; ext: trifluridine/tipiracil + bevacizumab, regorafenib, fruquintinib',
  defaultIndicator: 'info',
  applies: (c) => progressionFiring(c, (n) => n >= 2),
  card(c, _firing, ctx) {
    const n = linesGiven(c);
    const lines = ['Further therapy is for selected patients in good performance status; a clinical trial is a good option.'];
    if (ctx.ruleSet === 'extended') {
      const open = LATER_LINE_OPTIONS.filter((o) => !drugGiven(c, o.drugs));
      const blockers = bevacizumabBlockers(c, ctx);
      if (open.length > 0) lines.push('Later-line options:', ...open.map((o) => `- ${o.text}`));
      else lines.push('- Trifluridine/tipiracil, regorafenib and fruquintinib have all been given: best supportive care or a trial.');
      if (blockers.length > 0 && open.some((o) => o.text.includes('bevacizumab'))) {
        lines.push(`- Bevacizumab not now (${blockers.join(', ')}): trifluridine/tipiracil alone until it may be added.`);
      }
      if (msiHigh(c) && !checkpointInhibitorGiven(c)) lines.push('- MSI-H/dMMR: checkpoint inhibitor (see RC-14).');
      if (c.biomarkers.braf.v600e) lines.push('- BRAF V600E: encorafenib-based therapy (see RC-E2).');
      if (c.biomarkers.her2.status === 'amplified') lines.push('- HER2 amplified: HER2-directed therapy (see RC-E6).');
    }
    const caveat = performanceCaveat(c, 'later-line therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `Progression after ${n} lines of therapy: ${n === 2 ? 'third' : 'later'}-line options for fit patients, or a clinical trial`,
      detail: lines.join('\n'),
    };
  },
};
