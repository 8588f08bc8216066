import type { Drug, DrugClass } from '../domain/case.js';

/**
 * The drugs the rules talk about: RxNorm ingredient codes (conventions list and real-world codes section 8;
 * (u) = third-party listing, not verified against RxNorm itself), the clinical-drug (SCD) codes of the VSAC
 * "Chemotherapy Agents for Advanced Cancer" expansion and Synthea (section 8), and the names matched
 * whole-word, case-insensitively, in drug text (clinical-drug and branded names like "10 ML oxaliplatin 5
 * MG/ML Injection", "Avastin", ATC displays).
 */
export interface DrugEntry {
  drug: Drug;
  drugClass: DrugClass;
  rxnorm: readonly string[];
  names: readonly string[];
}

export const DRUG_CATALOG: readonly DrugEntry[] = [
  { drug: 'fluorouracil', drugClass: 'fluoropyrimidine', rxnorm: ['4492', '1791701', '1791736', '239177'], names: ['fluorouracil', '5-FU', 'Adrucil'] },
  { drug: 'capecitabine', drugClass: 'fluoropyrimidine', rxnorm: ['194000', '200327', '200328'], names: ['capecitabine', 'Xeloda'] },
  { drug: 'leucovorin', drugClass: 'leucovorin', rxnorm: ['6313', '1803932'], names: ['leucovorin', 'folinic acid', 'calcium folinate'] },
  { drug: 'levoleucovorin', drugClass: 'leucovorin', rxnorm: [], names: ['levoleucovorin', 'levofolinate', 'Fusilev', 'Khapzory'] },
  { drug: 'oxaliplatin', drugClass: 'oxaliplatin', rxnorm: ['32592', '1736776', '1736781', '1736784', '1736786', '1797528'], names: ['oxaliplatin', 'Eloxatin'] },
  { drug: 'irinotecan', drugClass: 'irinotecan', rxnorm: ['51499', '1726319', '1726324', '1726333', '1726492'], names: ['irinotecan', 'Camptosar'] },
  { drug: 'bevacizumab', drugClass: 'anti-vegf', rxnorm: ['253337'], names: ['bevacizumab', 'Avastin', 'Mvasi', 'Zirabev'] },
  { drug: 'cetuximab', drugClass: 'anti-egfr', rxnorm: ['318341'], names: ['cetuximab', 'Erbitux'] },
  { drug: 'panitumumab', drugClass: 'anti-egfr', rxnorm: ['263034'], names: ['panitumumab', 'Vectibix'] },
  { drug: 'pembrolizumab', drugClass: 'checkpoint-inhibitor', rxnorm: ['1547545'], names: ['pembrolizumab', 'Keytruda'] },
  { drug: 'nivolumab', drugClass: 'checkpoint-inhibitor', rxnorm: ['1597876'], names: ['nivolumab', 'Opdivo'] },
  { drug: 'ipilimumab', drugClass: 'checkpoint-inhibitor', rxnorm: ['1094833'], names: ['ipilimumab', 'Yervoy'] }, // (u)
  { drug: 'encorafenib', drugClass: 'braf-inhibitor', rxnorm: ['2049106'], names: ['encorafenib', 'Braftovi'] },
  { drug: 'sotorasib', drugClass: 'kras-g12c-inhibitor', rxnorm: ['2550714'], names: ['sotorasib', 'Lumakras'] }, // (u)
  { drug: 'adagrasib', drugClass: 'kras-g12c-inhibitor', rxnorm: ['2625882'], names: ['adagrasib', 'Krazati'] }, // (u)
  { drug: 'trastuzumab', drugClass: 'anti-her2', rxnorm: ['224905'], names: ['trastuzumab', 'Herceptin'] },
  { drug: 'tucatinib', drugClass: 'anti-her2', rxnorm: ['2361285'], names: ['tucatinib', 'Tukysa'] }, // (u)
  { drug: 'trifluridine-tipiracil', drugClass: 'trifluridine-tipiracil', rxnorm: [], names: ['trifluridine', 'tipiracil', 'Lonsurf', 'TAS-102'] },
  { drug: 'regorafenib', drugClass: 'multikinase-inhibitor', rxnorm: ['1312397'], names: ['regorafenib', 'Stivarga'] }, // (u)
  { drug: 'fruquintinib', drugClass: 'multikinase-inhibitor', rxnorm: [], names: ['fruquintinib', 'Fruzaqla'] },
  { drug: 'floxuridine', drugClass: 'hai-chemotherapy', rxnorm: ['4488', '310351'], names: ['floxuridine', 'FUDR'] }, // 4488 (u); 310351 SCD (VSAC)
];

export const DRUG_CLASS: Readonly<Record<Drug, DrugClass>> = Object.fromEntries(
  DRUG_CATALOG.map((e) => [e.drug, e.drugClass]),
) as Record<Drug, DrugClass>;

/** Regimen names ordered as one item ("FOLFOX" as a single order): each stands for its drugs. */
export const REGIMEN_NAMES: Readonly<Record<string, readonly Drug[]>> = {
  FOLFOXIRI: ['fluorouracil', 'leucovorin', 'oxaliplatin', 'irinotecan'],
  FOLFOX: ['fluorouracil', 'leucovorin', 'oxaliplatin'],
  mFOLFOX6: ['fluorouracil', 'leucovorin', 'oxaliplatin'],
  FOLFIRI: ['fluorouracil', 'leucovorin', 'irinotecan'],
  CAPOX: ['capecitabine', 'oxaliplatin'],
  XELOX: ['capecitabine', 'oxaliplatin'],
};
