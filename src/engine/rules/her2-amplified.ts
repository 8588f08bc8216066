import type { Case, TherapyLine } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { compact, rasWildType } from '../facts.js';
import { her2Basis, rasBasis } from '../facts-biomarkers.js';
import { drugGiven, lineBasis, lineHas, lineHasFluoropyrimidine, progressionOnCurrentLine } from '../facts-lines.js';
import { performanceCaveat } from '../performance-caveat.js';

/** A line with a fluoropyrimidine plus oxaliplatin or irinotecan (the chemotherapy MOUNTAINEER required before). */
function chemotherapyLines(c: Case): TherapyLine[] {
  return c.therapy.lines.filter((l) => lineHasFluoropyrimidine(l) && (lineHas(l, 'oxaliplatin') || lineHas(l, 'irinotecan')));
}

/** RC-E6: HER2-amplified RAS wild-type disease progressing after chemotherapy: tucatinib + trastuzumab. */
export const her2Directed: Rule = {
  id: 'RC-E6',
  title: 'HER2 amplified: tucatinib + trastuzumab',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: { seeds: [], citation: 'MOUNTAINEER (Strickler, Lancet Oncol 2023)' },
  trigger:
    'HER2 amplified; RAS wild-type (KRAS and NRAS); progression on the current line after a line with fluoropyrimidine + oxaliplatin or irinotecan; no anti-HER2 therapy yet',
  recommendation: 'HER2-directed therapy (tucatinib + trastuzumab)',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (c.biomarkers.her2.status !== 'amplified' || !rasWildType(c, true)) return null;
    if (drugGiven(c, ['tucatinib', 'trastuzumab'])) return null;
    const chemo = chemotherapyLines(c);
    const progression = progressionOnCurrentLine(c);
    if (chemo.length === 0 || progression.length === 0) return null;
    return { basedOn: compact([her2Basis(c), ...rasBasis(c, true), ...chemo.map(lineBasis), ...progression]) };
  },
  card(c) {
    const caveat = performanceCaveat(c, 'HER2-directed therapy');
    return {
      summary: 'HER2-amplified, RAS wild-type, progression after chemotherapy: consider tucatinib + trastuzumab',
      detail: [
        'Offer HER2-directed therapy: **tucatinib + trastuzumab** (MOUNTAINEER: objective response in 38% after fluoropyrimidine, oxaliplatin and irinotecan).',
        ...(caveat ? ['', caveat] : []),
      ].join('\n'),
    };
  },
};
