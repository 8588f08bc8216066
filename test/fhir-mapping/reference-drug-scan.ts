import { SYSTEM } from '../../src/fhir-mapping/codes.js';
import { codingsOf, containsWord, textsOf } from '../../src/fhir-mapping/coding.js';
import { DRUG_CATALOG, REGIMEN_NAMES } from '../../src/fhir-mapping/drug-catalog.js';
import type { DrugMatch } from '../../src/fhir-mapping/drugs.js';

/**
 * Drug identification the plain way, without indexes or memos: every catalogue entry and regimen name tried
 * against every text. The equivalence tests hold the fast path in `drugs.ts` to this.
 */
export function referenceDrugScan(concept: unknown, extraText: readonly string[] = []): DrugMatch[] {
  const out: DrugMatch[] = [];
  const add = (drug: DrugMatch['drug'], matched: string) => {
    if (!out.some((m) => m.drug === drug)) out.push({ drug, matched });
  };
  for (const c of codingsOf(concept)) {
    if (c.system !== SYSTEM.rxnorm) continue;
    const entry = DRUG_CATALOG.find((e) => e.rxnorm.includes(c.code.trim()));
    if (entry) add(entry.drug, `${SYSTEM.rxnorm}|${c.code}`);
  }
  const texts = [...textsOf(concept), ...extraText];
  for (const entry of DRUG_CATALOG) {
    const name = entry.names.find((n) => texts.some((t) => containsWord(t, n)));
    if (name) add(entry.drug, `text:${name}`);
  }
  for (const [regimen, drugs] of Object.entries(REGIMEN_NAMES)) {
    if (texts.some((t) => containsWord(t, regimen))) for (const d of drugs) add(d, `text:${regimen}`);
  }
  return out;
}
