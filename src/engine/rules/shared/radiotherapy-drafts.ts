import type { RadiotherapyDraft } from '../../../domain/draft-order.js';
import type { FactBase } from '../../facts/fact-types.js';
import { curativePlan } from './orders.js';

/** RC-34's conditions: pelvic RT with an asymptomatic primary in place, no resection planned, no curative plan. */
export function withoutPelvicIndication(f: FactBase, d?: RadiotherapyDraft): boolean {
  return !f.primaryResected && f.primarySymptoms.length === 0 && !f.primaryResectionPlanned && !curativePlan(f, d);
}

/** " 50.4 Gy / 28 fractions" when the order's own label does not already say the dose. */
export function doseText(d: RadiotherapyDraft): string {
  if (d.totalDoseCGy === undefined || /\bc?Gy\b/i.test(d.label)) return '';
  return ` ${d.totalDoseCGy / 100} Gy${d.fractions ? ` / ${d.fractions} fractions` : ''}`;
}
