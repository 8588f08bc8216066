import type { PerformanceStatus } from '../../domain/case.js';
import { performanceCaveat } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { UNTREATED_WARNING_DAYS } from '../thresholds.js';
import { msiConflictLines } from './shared/msi-advice.js';

interface Data {
  setting: 'untreated' | 'on-first-line';
  /** Untreated longer than the first-line card's warning threshold: said here, as that card would have. */
  untreatedDays?: number;
  conflict: boolean;
  performance?: PerformanceStatus;
}

/** RC-E3: a checkpoint inhibitor is the first-line standard for MSI-H/dMMR disease. */
export const rule = defineRule<Data>({
  meta: {
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
    examples: ['V19', 'V24', 'V50'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['MSI-H/dMMR', () => f.msiHigh],
        ['no checkpoint inhibitor yet', () => f.checkpointInhibitorGiven === undefined],
        ['untreated, or one line so far without progression', () => f.firstLineSetting !== undefined],
      ],
      () => {
        if (f.currentLine) mention(f.currentLine);
        else mention(f.systemicSinceMetastatic);
        const days = f.daysSinceMetastaticDiagnosis;
        const late = f.firstLineSetting === 'untreated' && days !== undefined && days > UNTREATED_WARNING_DAYS;
        return {
          data: {
            setting: f.firstLineSetting as Data['setting'],
            ...(late ? { untreatedDays: days } : {}),
            conflict: f.msi.conflict,
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }) => {
    const options = '**pembrolizumab** (KEYNOTE-177: median PFS 16.5 vs 8.2 months with chemotherapy ± biologic) or **nivolumab + ipilimumab** (CheckMate-8HW)';
    const lines =
      data.setting === 'on-first-line'
        ? [`A checkpoint inhibitor is the preferred first-line treatment of MSI-H/dMMR disease: consider switching to ${options}.`]
        : [`Start first-line ${options}.`, '- For MSI-H/dMMR disease this is preferred to chemotherapy plus a biologic.'];
    if (data.untreatedDays !== undefined) {
      lines.push(`- No systemic therapy for ${data.untreatedDays} days since the metastatic diagnosis: more than ${UNTREATED_WARNING_DAYS} days (design threshold); start now.`);
    }
    lines.push(...msiConflictLines(data.conflict));
    const caveat = performanceCaveat(data.performance, 'first-line checkpoint inhibitor therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary:
        data.setting === 'on-first-line'
          ? 'MSI-H/dMMR on first-line therapy: consider switching to a checkpoint inhibitor (pembrolizumab)'
          : 'MSI-H/dMMR, untreated: first-line checkpoint inhibitor (pembrolizumab) rather than chemotherapy',
      detail: lines.join('\n'),
    };
  },
});
