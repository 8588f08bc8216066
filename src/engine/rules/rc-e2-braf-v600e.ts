import type { PerformanceStatus } from '../../domain/case.js';
import type { LineFact } from '../facts/fact-types.js';
import { lineName, performanceCaveat } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { UNTREATED_WARNING_DAYS } from '../thresholds.js';

interface Data {
  setting: 'first-line' | 'after-line';
  /** Untreated longer than the first-line card's warning threshold. */
  untreatedDays?: number;
  /** Progression on the first line: this is the second line the generic card would have warned about. */
  secondLine: boolean;
  rasWildType: boolean;
  line?: LineFact;
  checkpointInhibitorFirst: boolean;
  performance?: PerformanceStatus;
}

/**
 * RC-E2: BRAF V600E is treated with encorafenib plus cetuximab. Cetuximab is an anti-EGFR antibody, so the
 * regimen is named only for RAS wild-type disease; with RAS unconfirmed the card asks for RAS first, and a RAS
 * mutation silences the rule.
 */
export const rule = defineRule<Data>({
  meta: {
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
    examples: ['V34', 'V58'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['BRAF V600E', () => f.brafV600e],
        ['RAS not mutant', () => f.rasMutant === undefined],
        ['no encorafenib yet', () => f.encorafenibGiven === undefined],
        ['untreated, or progression on or after a line', () => f.brafSetting !== undefined],
      ],
      () => {
        const setting = f.brafSetting as Data['setting'];
        if (setting === 'first-line') mention(f.systemicSinceMetastatic);
        else mention(f.currentLine, f.progressionOnCurrentLine);
        // Read only in first line: the time since diagnosis is not what the after-line card rests on.
        const days = setting === 'first-line' ? f.daysSinceMetastaticDiagnosis : undefined;
        const late = days !== undefined && days > UNTREATED_WARNING_DAYS;
        return {
          data: {
            setting,
            ...(late ? { untreatedDays: days } : {}),
            secondLine: setting === 'after-line' && f.linesGiven === 1,
            rasWildType: f.rasWildType,
            ...(f.currentLine ? { line: f.currentLine } : {}),
            checkpointInhibitorFirst: f.checkpointInhibitorDue,
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }) => {
    const caveat = performanceCaveat(data.performance, 'BRAF-targeted therapy');
    const tail = caveat ? ['', caveat] : [];
    if (!data.rasWildType) {
      return {
        summary: 'BRAF V600E, RAS not confirmed wild-type: no encorafenib + anti-EGFR until RAS testing is complete',
        detail: [
          'Encorafenib is given with an anti-EGFR antibody, so not before a **RAS wild-type result** (KRAS and NRAS).',
          '- Complete RAS testing first (see RC-04).',
          ...tail,
        ].join('\n'),
      };
    }
    if (data.setting === 'after-line') {
      const on = data.line ? lineName(data.line) : 'a prior line';
      return {
        summary: `BRAF V600E, RAS wild-type, progression on ${on}: encorafenib + cetuximab (BEACON)`,
        detail: [
          'After a prior line: **encorafenib + cetuximab** (BEACON: longer overall survival than cetuximab with irinotecan or FOLFIRI).',
          ...(data.secondLine ? ['- Progression on first-line therapy: this is the second line now, in place of a chemotherapy backbone switch.'] : []),
          ...tail,
        ].join('\n'),
      };
    }
    return {
      summary: 'BRAF V600E, RAS wild-type, untreated: encorafenib + cetuximab + mFOLFOX6 first line (BREAKWATER)',
      detail: [
        'First line: **encorafenib + cetuximab + mFOLFOX6** (BREAKWATER: longer progression-free and overall survival than chemotherapy ± bevacizumab).',
        ...(data.untreatedDays !== undefined
          ? [`- No systemic therapy for ${data.untreatedDays} days since the metastatic diagnosis: more than ${UNTREATED_WARNING_DAYS} days (design threshold); start now.`]
          : []),
        ...(data.checkpointInhibitorFirst ? ['- MSI-H/dMMR: a first-line checkpoint inhibitor comes first (see RC-E3); keep this regimen for later.'] : []),
        ...tail,
      ].join('\n'),
    };
  },
});
