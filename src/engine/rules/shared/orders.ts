import type { Drug } from '../../../domain/case.js';
import type { DraftOrder } from '../../../domain/draft-order.js';
import { FLUOROPYRIMIDINES } from '../../../domain/drug-groups.js';
import type { FactBase } from '../../facts/fact-types.js';
import { isoDay } from '../../facts/wording.js';
import { clampText } from '../../summary.js';
import type { ActionSpec, BasedOn } from '../../types.js';

/** How the order cards name and handle the orders being written. */

/** The order as a "based on" line: what is being ordered, when, and with what priority. */
export function draftBasis(d: DraftOrder, label = 'Order being written'): BasedOn {
  const when = d.plannedDate ? `, planned for ${isoDay(d.plannedDate)}` : '';
  const priority = d.emergency ? ', emergency priority' : '';
  // The planned date is in the value ("planned for"), not in `date`: it is not the date of a fact.
  return { label, value: `${d.label}${when}${priority}`, source: d.source };
}

/** The drugs of a draft that are among `drugs` ("cetuximab"), else its label. */
export function drugNames(d: DraftOrder | undefined, drugs: readonly Drug[]): string {
  if (!d) return 'the order';
  if (d.kind !== 'drug') return d.label;
  const names = d.drugs.filter((x) => drugs.includes(x));
  return (names.length > 0 ? names : d.drugs).join(' + ').replace('-', '/');
}

/** An order's label for a card summary: EHR labels can be long, the summary must stay under 140 characters. */
export function shortLabel(d: DraftOrder | undefined, fallback: string, max = 48): string {
  return clampText(d?.label ?? fallback, max);
}

/** Curative intent documented on the record, or written on the order itself. */
export function curativePlan(f: FactBase, d?: DraftOrder): boolean {
  return f.curativeIntent !== undefined || d?.curative === true;
}

/** Combination chemotherapy: at least two of fluoropyrimidine, oxaliplatin, irinotecan. */
export function isCombinationChemotherapy(drugs: readonly Drug[]): boolean {
  const parts = [FLUOROPYRIMIDINES.some((d) => drugs.includes(d)), drugs.includes('oxaliplatin'), drugs.includes('irinotecan')];
  return parts.filter(Boolean).length >= 2;
}

export function cancelAction(d: DraftOrder, why = ''): ActionSpec {
  return { type: 'delete-draft', draftId: d.id, description: `Cancel the ${d.label} order${why}` };
}
