import type { Provenance } from '../domain/case.js';
import { MCODE_PROCEDURE_INTENT, SNOMED_CURATIVE, SNOMED_PALLIATIVE, SYSTEM } from './codes.js';
import { extensionsOf, findCoding } from './coding.js';
import { effectiveTime, isoDate, newest, occurrenceTime, performedTime } from './dates.js';
import { type Json, obj, str } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isMedicationRequestGiven, isProcedureUnderWayOrDone, isServiceRequestPlanned } from './validity.js';

/**
 * Treatment intent (mCODE procedure-intent extension) on a CarePlan, MedicationRequest, ServiceRequest or
 * Procedure. The newest statement of intent counts: curative intent documented and not since superseded by a
 * palliative one.
 */

export type Intent = 'curative' | 'palliative';

export function intentOf(r: Json): Intent | undefined {
  for (const ext of extensionsOf(r, MCODE_PROCEDURE_INTENT)) {
    if (findCoding(ext.valueCodeableConcept, SYSTEM.snomed, [SNOMED_CURATIVE])) return 'curative';
    if (findCoding(ext.valueCodeableConcept, SYSTEM.snomed, [SNOMED_PALLIATIVE])) return 'palliative';
  }
  return undefined;
}

const CAREPLAN_LIVE = ['active', 'completed', 'on-hold'];

function usable(r: Json, nowMs: number): { ok: boolean; date?: string } {
  switch (r.resourceType) {
    case 'CarePlan': {
      const status = str(r.status);
      return { ok: status !== undefined && CAREPLAN_LIVE.includes(status), date: isoDate(obj(r.period)?.start) ?? isoDate(r.created) };
    }
    case 'MedicationRequest':
      return { ok: isMedicationRequestGiven(r, nowMs), date: isoDate(r.authoredOn) };
    case 'ServiceRequest':
      // Intent was stated when the order was written; its occurrence may lie in the future.
      return { ok: isServiceRequestPlanned(r) || str(r.status) === 'completed', date: isoDate(r.authoredOn) ?? occurrenceTime(r) };
    case 'Procedure':
      return { ok: isProcedureUnderWayOrDone(r), date: performedTime(r) ?? effectiveTime(r) };
    default:
      return { ok: false };
  }
}

export function mapCurativeIntent(input: RecordInput, now: Date): Provenance | undefined {
  const record = asRecord(input);
  const stated: { intent: Intent; source: Provenance }[] = [];
  for (const type of ['CarePlan', 'MedicationRequest', 'ServiceRequest', 'Procedure']) {
    for (const r of record.ofType(type)) {
      const intent = intentOf(r);
      if (!intent) continue;
      const { ok, date } = usable(r, now.getTime());
      const code = intent === 'curative' ? SNOMED_CURATIVE : SNOMED_PALLIATIVE;
      if (ok) stated.push({ intent, source: provenanceOf(record, r, date, `${SYSTEM.snomed}|${code}`) });
    }
  }
  const latest = newest(stated, (s) => s.source.date);
  return latest?.intent === 'curative' ? latest.source : undefined;
}
