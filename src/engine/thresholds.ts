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
