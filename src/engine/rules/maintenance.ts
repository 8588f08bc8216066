import type { Case, TherapyLine } from '../../domain/case.js';
import type { Firing, Rule } from '../types.js';
import { compact, daysBetween, rasWildTypeForAntiEgfr, resectabilityBasis } from '../facts.js';
import { currentLine, progression } from '../disease-course.js';
import { MAINTENANCE_FROM_DAYS, MAINTENANCE_TO_DAYS } from '../thresholds.js';
import { ANTI_EGFR } from '../treatment-history.js';

/** An induction regimen: a fluoropyrimidine with oxaliplatin and/or irinotecan (what maintenance de-escalates). */
function isInduction(line: TherapyLine): boolean {
  const fp = line.drugs.includes('fluorouracil') || line.drugs.includes('capecitabine');
  return fp && (line.drugs.includes('oxaliplatin') || line.drugs.includes('irinotecan'));
}

/** The first line, running inside the maintenance window with controlled disease; its age in days. */
function maintenanceDue(c: Case): { line: TherapyLine; days: number } | undefined {
  const line = currentLine(c);
  if (!line || line.number !== 1 || !line.active || !line.start || !isInduction(line)) return undefined;
  const days = daysBetween(line.start, c.now);
  if (!(days >= MAINTENANCE_FROM_DAYS && days <= MAINTENANCE_TO_DAYS)) return undefined;
  const status = c.diseaseStatus?.value;
  if (status !== 'stable' && status !== 'improved') return undefined;
  if (progression(c).length > 0) return undefined;
  if (c.curativeIntent || c.resectability?.value === 'resectable') return undefined;
  return { line, days };
}

/** RC-E8: after 4-6 months of first-line induction with controlled disease, consider maintenance. */
export const maintenanceTherapy: Rule = {
  id: 'RC-E8',
  title: 'Maintenance after first-line induction',
  origin: 'ext',
  hooks: ['patient-view'],
  evidence: { seeds: [], citation: 'CAIRO3 (Simkens, Lancet 2015)' },
  trigger: `Current first line running ${MAINTENANCE_FROM_DAYS}-${MAINTENANCE_TO_DAYS} days; disease status stable or improved; no curative plan and not documented resectable`,
  recommendation: 'Consider maintenance: fluoropyrimidine +/- bevacizumab',
  defaultIndicator: 'info',
  applies(c): Firing | null {
    const due = maintenanceDue(c);
    const status = c.diseaseStatus;
    if (!due || !status) return null;
    return {
      basedOn: compact([
        { label: 'First line', value: `${due.line.regimen} (${due.line.drugs.join(', ')}), ${due.days} days`, date: due.line.start },
        { label: 'Disease status', value: status.value, date: status.source.date, source: status.source },
        resectabilityBasis(c),
      ]),
    };
  },
  card(c, _firing, ctx) {
    const due = maintenanceDue(c);
    const months = due ? Math.round((due.days / 30.4) * 2) / 2 : 4;
    const onAntiEgfr = due?.line.drugs.some((d) => ANTI_EGFR.includes(d)) ?? false;
    // With an anti-EGFR line, bevacizumab is not the maintenance partner: it would be a second antibody. And
    // the antibody itself stays only on a confirmed RAS wild-type result.
    let maintenance = '- Maintenance: capecitabine (or 5-FU/leucovorin) with or without bevacizumab.';
    if (onAntiEgfr && rasWildTypeForAntiEgfr(c, ctx.ruleSet === 'extended')) {
      maintenance = '- Maintenance: capecitabine or 5-FU/leucovorin; keeping the anti-EGFR antibody is a tumour board decision. Do not add bevacizumab.';
    } else if (onAntiEgfr) {
      maintenance = '- Maintenance: capecitabine or 5-FU/leucovorin. Do not continue the anti-EGFR antibody without a RAS wild-type result, and do not add bevacizumab.';
    }
    return {
      summary: `First line for ${months} months, disease controlled: consider de-escalating to maintenance`,
      detail: [
        'After 4-6 months of induction with stable or responding disease, consider stopping oxaliplatin or irinotecan and continuing with maintenance.',
        maintenance,
        '- Re-introduce the induction regimen at progression.',
      ].join('\n'),
    };
  },
};
