import type { PerformanceStatus } from '../../domain/case.js';
import { isoDay, performanceCaveat } from '../facts/wording.js';
import { defineRule, mention, whenAll } from '../rule.js';
import { UNTREATED_WARNING_DAYS } from '../thresholds.js';
import { FIRST_LINE_REGIMEN_TEXT } from './shared/first-line-regimen.js';

interface Data {
  late: boolean;
  metastaticDiagnosisDate?: string;
  performance?: PerformanceStatus;
}

/** RC-02: start systemic therapy early; a warning once stage IV has gone untreated past the design threshold. */
export const rule = defineRule<Data>({
  meta: {
    id: 'RC-02',
    title: 'Start first-line systemic therapy',
    origin: 'seed',
    hooks: ['patient-view'],
    evidence: { level: 'I-A', seeds: ['002', '004'] },
    trigger:
      'Stage IV; no systemic therapy since the metastatic diagnosis date; ECOG 0-2 or unknown; no obstruction or perforation',
    recommendation:
      'Start systemic therapy early: FOLFOX or FOLFIRI (equivalent; choose by toxicity) plus a biologic; CAPOX and FOLFOXIRI are alternatives (ext)',
    defaultIndicator: 'info',
    examples: ['V01', 'V07', 'V14', 'V21', 'V23', 'V24', 'V29', 'V44', 'V47', 'V48', 'V56', 'V58'],
  },
  match: (f) =>
    whenAll(
      f,
      [
        ['no systemic therapy since the metastatic diagnosis', () => f.untreatedSinceMetastatic],
        ['ECOG 0-2 or not documented', () => f.fitForCombination],
        ['no obstruction or perforation', () => f.obstructionOrPerforation.length === 0],
      ],
      () => {
        mention(f.stage, f.metastaticSites);
        const waited = f.daysSinceMetastaticDiagnosis;
        const late = waited !== undefined && waited > UNTREATED_WARNING_DAYS;
        return {
          indicator: late ? 'warning' : 'info',
          data: {
            late,
            ...(f.case.metastaticDiagnosisDate ? { metastaticDiagnosisDate: f.case.metastaticDiagnosisDate } : {}),
            ...(f.performance ? { performance: f.performance } : {}),
          },
        };
      },
    ),
  card: ({ data }, ctx) => {
    const since = data.metastaticDiagnosisDate ? ` since ${isoDay(data.metastaticDiagnosisDate)}` : '';
    const lines = [
      `Start systemic therapy early: ${FIRST_LINE_REGIMEN_TEXT} (see the biologic advice).`,
    ];
    if (ctx.ruleSet === 'extended') lines.push('- Alternatives: CAPOX; FOLFOXIRI for fit patients with high tumour burden.');
    if (data.late) {
      lines.push(
        `- No systemic therapy${since}: more than ${UNTREATED_WARNING_DAYS} days (design threshold) have passed since the metastatic diagnosis.`,
      );
    }
    const caveat = performanceCaveat(data.performance, 'combination therapy');
    if (caveat) lines.push('', caveat);
    return {
      summary: data.late
        ? `Stage IV, untreated for over ${UNTREATED_WARNING_DAYS} days: start first-line systemic therapy`
        : 'Stage IV, untreated: start first-line systemic therapy (FOLFOX or FOLFIRI plus a biologic)',
      detail: lines.join('\n'),
      ...(data.late ? { overrideReasons: ['mdt-decision', 'patient-preference', 'already-addressed'] } : {}),
    };
  },
});
