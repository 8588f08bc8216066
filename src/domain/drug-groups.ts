import type { Drug } from './case.js';

/** Groups of drugs the data conventions and the decision table name together; one list each. */

export const FLUOROPYRIMIDINES: readonly Drug[] = ['fluorouracil', 'capecitabine'];
/** Leucovorin modulates the fluoropyrimidine: it is no therapy of its own. */
export const MODULATORS: readonly Drug[] = ['leucovorin', 'levoleucovorin'];
/** The backbone partners whose change starts a new line (oxaliplatin <-> irinotecan). */
export const BACKBONE_PARTNERS: readonly Drug[] = ['oxaliplatin', 'irinotecan'];
export const ANTI_EGFR: readonly Drug[] = ['cetuximab', 'panitumumab'];
export const CHECKPOINT_INHIBITORS: readonly Drug[] = ['pembrolizumab', 'nivolumab', 'ipilimumab'];
export const G12C_INHIBITORS: readonly Drug[] = ['sotorasib', 'adagrasib'];
export const ANTI_HER2: readonly Drug[] = ['tucatinib', 'trastuzumab'];
