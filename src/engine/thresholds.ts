/**
 * Design thresholds: values no source text fixes. Named here so a card can show them and an informaticist
 * can find and change them in one place.
 */

/** RC-02 turns from info to warning when stage IV has gone this long without systemic therapy. */
export const UNTREATED_WARNING_DAYS = 42;

/** A line is active while one of its drugs was given within this many days. */
export const LINE_ACTIVE_DAYS = 42;

/** CEA rising: the last of two consecutive rises must reach this fraction of the nadir. */
export const CEA_RISE_OF_NADIR = 1.25;

/** CEA response: latest value at or below this fraction of the pre-line baseline. */
export const CEA_RESPONSE_OF_BASELINE = 0.5;

/** RC-20: surgery or radiotherapy completed at least this many days ago without systemic therapy since. */
export const POST_LOCAL_THERAPY_DAYS = 56;

/** RC-19: total perioperative systemic therapy on a curative pathway should not exceed 6 months (seeds 002, 004). */
export const PERIOPERATIVE_MAX_DAYS = 182;

/** RC-21: at least 6 weeks between the last bevacizumab dose and elective surgery (seed 004). */
export const BEVACIZUMAB_SURGERY_GAP_DAYS = 42;

/** RC-E8: maintenance is considered once the first line has run this many days (about 4 months)... */
export const MAINTENANCE_FROM_DAYS = 120;

/** RC-E8: ...and until it has run this many days (about 6.5 months). */
export const MAINTENANCE_TO_DAYS = 200;

/** RC-10: re-stage once the current line has run this long (6 weeks, about 2-3 cycles) without CT/MRI since its start. */
export const RESTAGING_AFTER_DAYS = 42;

/** RC-10: ...or, when the line's start date is unknown, after this many cycles. */
export const RESTAGING_AFTER_CYCLES = 3;

/** RC-35: elective major surgery under this many days after the last bevacizumab dose is critical (28-41: warning). */
export const BEVACIZUMAB_SURGERY_CRITICAL_DAYS = 28;

/** RC-E10: no bevacizumab until this many days after major surgery (bevacizumab label: wound healing). */
export const SURGERY_BEVACIZUMAB_GAP_DAYS = 28;

/** Synchronous metastases: the metastatic diagnosis within this many days of the rectal cancer diagnosis (data conventions). */
export const SYNCHRONOUS_WINDOW_DAYS = 90;

/** Descriptive CEA trend only: a change under this fraction between the last two values reads as stable. */
export const CEA_STABLE_BAND = 0.1;

/** RC-01: a tumour board review counts for the metastatic disease from this many days before its diagnosis date. */
export const MDT_BEFORE_METASTATIC_DAYS = 30;

/** RC-E5 (chart review): both biologics given within this many days, with no stop of either, are in use together. */
export const CO_ACTIVE_BIOLOGICS_DAYS = 21;
