import type { Case } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { compact, isUntreatedSinceMetastatic, performanceBasis, therapyBasis } from '../facts.js';
import { currentLine } from '../disease-course.js';
import { msiBasis, msiHigh } from '../facts-biomarkers.js';
import { checkpointInhibitorGiven, lineBasis, lineName, linesGiven, progressionOnCurrentLine } from '../facts-lines.js';
import { performanceCaveat } from '../performance-caveat.js';

/**
 * Checkpoint inhibitors, only ever for MSI-H/dMMR disease (a valid MSI-H/dMMR result outranks MSS):
 * RC-14 after progression (seed), RC-E3 first line (ext).
 */

function conflictLine(c: Case): string[] {
  return c.biomarkers.msi.conflict
    ? ['- MSI/MMR results on file disagree: the MSI-H/dMMR result is used; confirm it on tissue before starting.']
    : [];
}

/** RC-14: MSI-H/dMMR progressing on or after a line of therapy, no checkpoint inhibitor yet. */
export const checkpointAfterProgression: Rule = {
  id: 'RC-14',
  title: 'MSI-H/dMMR: checkpoint inhibitor after progression',
  origin: 'seed',
  hooks: ['patient-view'],
  evidence: { seeds: ['004'], citation: 'ext: CheckMate-142 (Overman, Lancet Oncol 2017); KEYNOTE-164 (Le, JCO 2020)' },
  trigger: 'MSI-H/dMMR; progression on or after a line of therapy (still running or ended); no checkpoint inhibitor yet',
  recommendation: 'Checkpoint inhibitor',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const line = currentLine(c);
    if (!msiHigh(c) || !line || checkpointInhibitorGiven(c)) return null;
    const progression = progressionOnCurrentLine(c);
    if (progression.length === 0) return null;
    return { basedOn: [msiBasis(c), lineBasis(line), ...progression, { label: 'Checkpoint inhibitor', value: 'none given' }] };
  },
  card(c, _firing, ctx) {
    const line = currentLine(c);
    const lines = ['Offer a **checkpoint inhibitor**: MSI-H/dMMR tumours respond durably to PD-1 blockade.'];
    if (ctx.ruleSet === 'extended') lines.push('- Options: pembrolizumab; nivolumab with or without ipilimumab.');
    lines.push(...conflictLine(c));
    const caveat = performanceCaveat(c, 'checkpoint inhibitor therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: `MSI-H/dMMR with progression on ${line ? lineName(line) : 'systemic therapy'}: offer a checkpoint inhibitor`,
      detail: lines.join('\n'),
    };
  },
};

/** First line in the sense of RC-E3: untreated, or one line so far without progression on it. */
function firstLineSetting(c: Case): 'untreated' | 'on-first-line' | undefined {
  if (linesGiven(c) === 0 && isUntreatedSinceMetastatic(c)) return 'untreated';
  if (linesGiven(c) === 1 && progressionOnCurrentLine(c).length === 0) return 'on-first-line';
  return undefined;
}

/** RC-E3: a checkpoint inhibitor is the first-line standard for MSI-H/dMMR disease. */
export const checkpointFirstLine: Rule = {
  id: 'RC-E3',
  title: 'MSI-H/dMMR: first-line checkpoint inhibitor',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: {
    seeds: [],
    citation: 'KEYNOTE-177 (André, NEJM 2020); CheckMate-8HW (André, NEJM 2024); ASCO 2023 (Morris, JCO 2023)',
  },
  trigger:
    'MSI-H/dMMR; no checkpoint inhibitor yet; untreated since the metastatic diagnosis, or one line so far without progression on it (after progression RC-14 applies)',
  recommendation: 'First-line checkpoint inhibitor (pembrolizumab; nivolumab + ipilimumab)',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!msiHigh(c) || checkpointInhibitorGiven(c) || !firstLineSetting(c)) return null;
    const line = currentLine(c);
    return { basedOn: compact([msiBasis(c), line ? lineBasis(line) : therapyBasis(c), performanceBasis(c)]) };
  },
  card(c) {
    const setting = firstLineSetting(c);
    const options = '**pembrolizumab** (KEYNOTE-177: median PFS 16.5 vs 8.2 months with chemotherapy ± biologic) or **nivolumab + ipilimumab** (CheckMate-8HW)';
    const lines =
      setting === 'on-first-line'
        ? [`A checkpoint inhibitor is the preferred first-line treatment of MSI-H/dMMR disease: consider switching to ${options}.`]
        : [
            `Start first-line ${options}.`,
            '- For MSI-H/dMMR disease this is preferred to the chemotherapy of the first-line card (RC-02).',
          ];
    lines.push(...conflictLine(c));
    const caveat = performanceCaveat(c, 'first-line checkpoint inhibitor therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary:
        setting === 'on-first-line'
          ? 'MSI-H/dMMR on first-line therapy: consider switching to a checkpoint inhibitor (pembrolizumab)'
          : 'MSI-H/dMMR, untreated: first-line checkpoint inhibitor (pembrolizumab) rather than chemotherapy',
      detail: lines.join('\n'),
    };
  },
};
