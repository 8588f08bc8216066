import { type Json, objs, typeOf } from './json.js';
import { type PatientRecord, recordMemoSlot } from './record.js';
import { resolveReference } from './references.js';

/**
 * Every Observation of the record, including those only reachable through a reference (contained
 * `hasMember` of a stage group or panel, contained `DiagnosticReport.result`, `Condition.stage.assessment`).
 * Each appears once, whichever way it was reached.
 */
const ALL_OBSERVATIONS = recordMemoSlot('all observations', collectObservations);

export function allObservations(record: PatientRecord): Json[] {
  return record.memo(ALL_OBSERVATIONS);
}

function collectObservations(record: PatientRecord): Json[] {
  const out: Json[] = [];
  const seen = new Set<Json>();
  const visit = (o: Json | undefined): void => {
    if (o === undefined || typeOf(o) !== 'Observation' || seen.has(o)) return;
    seen.add(o);
    out.push(o);
    for (const m of objs(o.hasMember)) visit(resolveReference(record, m, o));
  };
  for (const o of record.ofType('Observation')) visit(o);
  for (const r of record.ofType('DiagnosticReport')) for (const ref of objs(r.result)) visit(resolveReference(record, ref, r));
  for (const c of record.ofType('Condition')) {
    for (const stage of objs(c.stage)) for (const a of objs(stage.assessment)) visit(resolveReference(record, a, c));
  }
  return out;
}
