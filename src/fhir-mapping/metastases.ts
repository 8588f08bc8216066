import type { Metastasis, MetastaticSite } from '../domain/case.js';
import { ICD10_METASTASIS_SITES, SNOMED_METASTASIS, SYSTEM } from './codes.js';
import { type Coding, findCoding, findIcd10Prefix, matchedOf } from './coding.js';
import { byDateAsc, onsetOrRecorded, toMs } from './dates.js';
import type { Json } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { type StandingClock, hasClinicalStatus, isConditionCurrent } from './validity.js';

/**
 * Distant metastases: current secondary-malignancy Conditions. C77.x (lymph nodes) is not read: nodes may be
 * regional, and "C77 alone does not make stage IV". A metastasis without clinicalStatus is history when a
 * completed resection or ablation of that organ is dated after it (data conventions, "Validity").
 */

export function metastaticSiteOf(code: unknown): { site: MetastaticSite; coding: Coding } | undefined {
  for (const [site, codes] of Object.entries(SNOMED_METASTASIS) as [MetastaticSite, readonly string[]][]) {
    const coding = findCoding(code, SYSTEM.snomed, codes);
    if (coding) return { site, coding };
  }
  for (const [prefix, site] of ICD10_METASTASIS_SITES) {
    const coding = findIcd10Prefix(code, [prefix]);
    if (coding) return { site, coding };
  }
  return undefined;
}

export interface MetastasisWithCondition extends Metastasis {
  condition: Json;
}

/** A completed local treatment (resection, ablation) of an organ: it clears status-less metastases dated before it. */
export interface LocalTreatment {
  organ: MetastaticSite;
  date: string;
}

export interface MetastasisOptions {
  /** The request's clock: status-less Conditions are then current only when recent. */
  clock?: Omit<StandingClock, 'record'>;
  localTreatments?: readonly LocalTreatment[];
}

function treatedAfter(site: MetastaticSite, date: string | undefined, treatments: readonly LocalTreatment[]): boolean {
  const ms = toMs(date);
  if (ms === undefined) return false;
  return treatments.some((t) => t.organ === site && (toMs(t.date) ?? -Infinity) > ms);
}

/** Current distant metastases, oldest first. */
export function currentMetastases(input: RecordInput, options: MetastasisOptions = {}): MetastasisWithCondition[] {
  const record = asRecord(input);
  const clock = options.clock ? { ...options.clock, record } : undefined;
  const out: MetastasisWithCondition[] = [];
  for (const c of record.ofType('Condition')) {
    const match = metastaticSiteOf(c.code);
    if (!match || !isConditionCurrent(c, clock)) continue;
    const date = onsetOrRecorded(c);
    if (!hasClinicalStatus(c) && treatedAfter(match.site, date, options.localTreatments ?? [])) continue;
    out.push({
      site: match.site,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, c, date, matchedOf(match.coding)),
      condition: c,
    });
  }
  return byDateAsc(out, (m) => m.date);
}
