import { statusCodes, textsOf } from './coding.js';
import { DAY_MS, isoDate, onsetOrRecorded, toMs } from './dates.js';
import { type Json, bool, obj, objs, str } from './json.js';
import type { PatientRecord } from './record.js';
import { resolveReference } from './references.js';

/** Validity rules of the conventions ("Validity"), one function per resource type. */

export type ConditionStanding = 'current' | 'history' | 'invalid';

/**
 * A Condition without clinicalStatus (an encounter diagnosis) is current only when its onset, recordedDate or
 * encounter lies within this many days before now; older ones are history (data conventions; design).
 */
export const STATUSLESS_CONDITION_MAX_AGE_DAYS = 90;

/** What the time-dependent validity rules need: the request's clock and the record (to find an encounter). */
export interface StandingClock {
  nowMs: number;
  record: PatientRecord;
}

const CONDITION_INVALID = ['entered-in-error', 'refuted'];
const CONDITION_HISTORY = ['resolved', 'inactive', 'remission'];
/** Not yet a diagnosis: the scope gate wants a confirmed cancer (missing verificationStatus counts as confirmed). */
const CONDITION_UNCONFIRMED = ['unconfirmed', 'provisional', 'differential'];

export function hasClinicalStatus(c: Json): boolean {
  return statusCodes(c.clinicalStatus).length > 0;
}

/** Category `problem-list-item` (any system: the code is FHIR's own). */
export function isProblemListItem(c: Json): boolean {
  return objs(c.category).some((cat) => statusCodes(cat).includes('problem-list-item'));
}

/** The dates a status-less Condition can be placed by: onset, recordedDate, its encounter's period. */
export function conditionDates(c: Json, record: PatientRecord | undefined): string[] {
  const dates = [onsetOrRecorded(c), isoDate(c.recordedDate)];
  const encounter = record && c.encounter !== undefined ? resolveReference(record, c.encounter, c) : undefined;
  if (encounter?.resourceType === 'Encounter') dates.push(isoDate(obj(encounter.period)?.start), isoDate(obj(encounter.period)?.end));
  return dates.filter((d): d is string => d !== undefined);
}

/** Status-less: one of its dates within `STATUSLESS_CONDITION_MAX_AGE_DAYS` before now (undated: not placeable, history). */
function statuslessIsRecent(c: Json, clock: StandingClock): boolean {
  const oldest = clock.nowMs - STATUSLESS_CONDITION_MAX_AGE_DAYS * DAY_MS;
  return conditionDates(c, clock.record).some((d) => (toMs(d) ?? -Infinity) >= oldest);
}

/**
 * Entered-in-error/refuted: ignored. Active/recurrence/relapse: current. Resolved/inactive/remission: history.
 * No clinicalStatus: current when recent (with a clock; without one, as FHIR reads it: current).
 */
export function conditionStanding(c: Json, clock?: StandingClock): ConditionStanding {
  if (statusCodes(c.verificationStatus).some((s) => CONDITION_INVALID.includes(s))) return 'invalid';
  const status = statusCodes(c.clinicalStatus);
  if (status.some((s) => CONDITION_HISTORY.includes(s))) return 'history';
  if (status.length === 0 && clock !== undefined && !statuslessIsRecent(c, clock)) return 'history';
  return 'current';
}

export function isConditionCurrent(c: Json, clock?: StandingClock): boolean {
  return conditionStanding(c, clock) === 'current';
}

export function isConditionConfirmed(c: Json): boolean {
  return !statusCodes(c.verificationStatus).some((s) => CONDITION_UNCONFIRMED.includes(s));
}

export function isRecurrenceStatus(c: Json): boolean {
  return statusCodes(c.clinicalStatus).some((s) => s === 'recurrence' || s === 'relapse');
}

const OBSERVATION_VALID = ['final', 'amended', 'corrected'];

/** Only final/amended/corrected results decide anything (preliminary may be shown, never decides). */
export function isObservationValid(o: Json): boolean {
  const s = str(o.status);
  return s !== undefined && OBSERVATION_VALID.includes(s);
}

/** DiagnosticReport: a finished report (appended is a final report with an addendum). */
export function isReportValid(r: Json): boolean {
  const s = str(r.status);
  return s !== undefined && [...OBSERVATION_VALID, 'appended'].includes(s);
}

// ---- Medications -----------------------------------------------------------------------------------

/** Orders that are not orders (a plan, a proposal, an option) never count as given. */
const NON_ORDER_INTENTS = ['proposal', 'plan', 'option'];

/** Planned start of a MedicationRequest: the first dosage `timing.repeat.boundsPeriod.start`. */
export function plannedStart(r: Json): string | undefined {
  for (const d of Array.isArray(r.dosageInstruction) ? r.dosageInstruction : []) {
    const bounds = (d as { timing?: { repeat?: { boundsPeriod?: { start?: unknown } } } })?.timing?.repeat?.boundsPeriod?.start;
    if (typeof bounds === 'string') return bounds;
  }
  return undefined;
}

const NEVER_STARTED = /\b(never|not|before)\b.*\b(start|started|begun|given|administered)\b/i;

/**
 * MedicationRequest counts as given when active, completed, on-hold or stopped; a stopped order counts only
 * if it had started: not when its statusReason says it never started, nor when its planned start is after `nowMs`.
 */
export function isMedicationRequestGiven(r: Json, nowMs: number): boolean {
  if (bool(r.doNotPerform) === true) return false;
  const intent = str(r.intent);
  if (intent !== undefined && NON_ORDER_INTENTS.includes(intent)) return false;
  const status = str(r.status);
  if (status === 'active' || status === 'completed' || status === 'on-hold') return true;
  if (status !== 'stopped') return false;
  const reasons = [...textsOf(r.statusReason), ...statusCodes(r.statusReason)];
  if (reasons.some((t) => NEVER_STARTED.test(t) || /before-start|not-started|never-started/i.test(t))) return false;
  const start = plannedStart(r);
  const startMs = start !== undefined ? Date.parse(start) : NaN;
  return !(Number.isFinite(startMs) && startMs > nowMs);
}

export function isMedicationRequestActive(r: Json): boolean {
  const status = str(r.status);
  return status === 'active' || status === 'on-hold';
}

/** MedicationAdministration that happened (fully or partly). */
export function isAdministrationGiven(a: Json): boolean {
  const status = str(a.status);
  return status === 'completed' || status === 'in-progress' || status === 'stopped';
}

/** MedicationStatement saying the drug is or was taken. */
export function isStatementTaken(s: Json): boolean {
  const status = str(s.status);
  return status === 'active' || status === 'completed' || status === 'stopped' || status === 'on-hold';
}

// ---- Procedures and requests -----------------------------------------------------------------------

/** Procedure done (completed; in-progress counts as under way, i.e. given for RT). */
export function isProcedureDone(p: Json): boolean {
  return str(p.status) === 'completed';
}

export function isProcedureUnderWayOrDone(p: Json): boolean {
  const s = str(p.status);
  return s === 'completed' || s === 'in-progress';
}

/** ServiceRequest that is planned: active or on-hold (drafts belong to order hooks, not to the record). */
export function isServiceRequestPlanned(s: Json): boolean {
  const status = str(s.status);
  if (bool(s.doNotPerform) === true) return false;
  return status === 'active' || status === 'on-hold';
}

/** Patient `deceasedBoolean` true or any `deceasedDateTime`. */
export function isDeceased(p: Json | undefined): boolean {
  if (p === undefined) return false;
  return bool(p.deceasedBoolean) === true || str(p.deceasedDateTime) !== undefined;
}
