import type { Case } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { compact, isUntreatedSinceMetastatic, rasMutant, rasWildType, therapyBasis } from '../facts.js';
import { currentLine } from '../disease-course.js';
import { brafV600eBasis, msiBasis, msiHigh, rasBasis } from '../facts-biomarkers.js';
import { checkpointInhibitorGiven, drugGiven, lineBasis, lineName, linesGiven, progressionOnCurrentLine } from '../facts-lines.js';
import { performanceCaveat } from '../performance-caveat.js';

type Setting = 'first-line' | 'after-line';

/** Untreated (BREAKWATER), or progressing on or after a line (BEACON); nothing in between. */
function setting(c: Case): Setting | undefined {
  if (linesGiven(c) === 0 && isUntreatedSinceMetastatic(c)) return 'first-line';
  if (linesGiven(c) >= 1 && progressionOnCurrentLine(c).length > 0) return 'after-line';
  return undefined;
}

/**
 * RC-E2: BRAF V600E is treated with encorafenib plus cetuximab. Cetuximab is an anti-EGFR antibody, so the
 * regimen is named only for RAS wild-type disease; with RAS unconfirmed the card asks for RAS first, and a RAS
 * mutation silences the rule.
 */
export const brafV600eTargeted: Rule = {
  id: 'RC-E2',
  title: 'BRAF V600E: encorafenib + cetuximab',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: { seeds: [], citation: 'BREAKWATER (Elez, NEJM 2025); BEACON (Kopetz, NEJM 2019)' },
  trigger:
    'BRAF V600E; RAS not mutant (KRAS and NRAS); no encorafenib yet; untreated (first line) or progression on or after a line',
  recommendation:
    'First line encorafenib + cetuximab + mFOLFOX6; after a prior line encorafenib + cetuximab. Named only when RAS is wild-type; RAS unconfirmed: test RAS first',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    if (!c.biomarkers.braf.v600e || rasMutant(c, true) || drugGiven(c, ['encorafenib'])) return null;
    const when = setting(c);
    if (!when) return null;
    const line = currentLine(c);
    return {
      basedOn: compact([
        brafV600eBasis(c),
        ...rasBasis(c, true),
        when === 'first-line' ? therapyBasis(c) : line ? lineBasis(line) : undefined,
        ...(when === 'after-line' ? progressionOnCurrentLine(c) : []),
        msiHigh(c) ? msiBasis(c) : undefined,
      ]),
    };
  },
  card(c) {
    const when = setting(c);
    const line = currentLine(c);
    const caveat = performanceCaveat(c, 'BRAF-targeted therapy');
    const tail = caveat ? ['', caveat] : [];
    if (!rasWildType(c, true)) {
      return {
        summary: 'BRAF V600E, RAS not confirmed wild-type: no encorafenib + anti-EGFR until RAS testing is complete',
        detail: [
          'Encorafenib is given with an anti-EGFR antibody, so not before a **RAS wild-type result** (KRAS and NRAS).',
          '- Complete RAS testing first (see RC-04).',
          ...tail,
        ].join('\n'),
      };
    }
    if (when === 'after-line') {
      const on = line ? lineName(line) : 'a prior line';
      return {
        summary: `BRAF V600E, RAS wild-type, progression on ${on}: encorafenib + cetuximab (BEACON)`,
        detail: [
          'After a prior line: **encorafenib + cetuximab** (BEACON: longer overall survival than cetuximab with irinotecan or FOLFIRI).',
          ...tail,
        ].join('\n'),
      };
    }
    const immunotherapyFirst = msiHigh(c) && !checkpointInhibitorGiven(c);
    return {
      summary: 'BRAF V600E, RAS wild-type, untreated: encorafenib + cetuximab + mFOLFOX6 first line (BREAKWATER)',
      detail: [
        'First line: **encorafenib + cetuximab + mFOLFOX6** (BREAKWATER: longer progression-free and overall survival than chemotherapy ± bevacizumab).',
        ...(immunotherapyFirst ? ['- MSI-H/dMMR: a first-line checkpoint inhibitor comes first (see RC-E3); keep this regimen for later.'] : []),
        ...tail,
      ].join('\n'),
    };
  },
};
