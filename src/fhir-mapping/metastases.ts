import type { Metastasis, MetastaticSite } from '../domain/case.js';
import { ICD10_METASTASIS_SITES, SNOMED_METASTASIS, SYSTEM } from './codes.js';
import { type Coding, findCoding, findIcd10Prefix, matchedOf } from './coding.js';
import { byDateAsc, onsetOrRecorded } from './dates.js';
import type { Json } from './json.js';
import { provenanceOf } from './provenance.js';
import { type RecordInput, asRecord } from './record.js';
import { isConditionCurrent } from './validity.js';

/**
 * Distant metastases: current secondary-malignancy Conditions. C77.x (lymph nodes) is not read: nodes may be
 * regional, and "C77 alone does not make stage IV".
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

/** Current distant metastases, oldest first. */
export function currentMetastases(input: RecordInput): MetastasisWithCondition[] {
  const record = asRecord(input);
  const out: MetastasisWithCondition[] = [];
  for (const c of record.ofType('Condition')) {
    if (!isConditionCurrent(c)) continue;
    const match = metastaticSiteOf(c.code);
    if (!match) continue;
    const date = onsetOrRecorded(c);
    out.push({
      site: match.site,
      ...(date !== undefined ? { date } : {}),
      source: provenanceOf(record, c, date, matchedOf(match.coding)),
      condition: c,
    });
  }
  return byDateAsc(out, (m) => m.date);
}
