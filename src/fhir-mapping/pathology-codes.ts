import { words } from './lexicon.js';
import { LOINC_HER2_RATIO, LOINC_HER2_STATUS, LOINC_MSI, LOINC_VARIANT_PANEL, SYSTEM } from './codes.js';
import { someCoding } from './coding.js';
import type { Json } from './json.js';

/**
 * MMR immunohistochemistry, MSI and HER2 as pathology reports send them (real-world codes, sections 3 and 4):
 * LOINC per-protein IHC codes and answers (MII Molekulares Tumorboard), CAP electronic Cancer Protocol items
 * of the colorectal biomarker template (system `https://cap.org/eCC`, code `<item>.100004300`; matched with
 * and without the template suffix, question plus answer), the SNOMED observable of the CAP sample, NCIt
 * deficiency / proficiency values, HER2 IHC, ISH and NGS codes.
 */

export type MmrProtein = 'MLH1' | 'MSH2' | 'MSH6' | 'PMS2';
export const MMR_PROTEINS: readonly MmrProtein[] = ['MLH1', 'MSH2', 'MSH6', 'PMS2'];

export const CAP_ECC = 'https://cap.org/eCC';
const CAP_SUFFIX = '.100004300';
/** A CAP item as the bundle codes it (`29999.100004300`) and bare (`29999`). */
export const cap = (...ids: string[]): string[] => ids.flatMap((id) => [`${id}${CAP_SUFFIX}`, id]);

export const LOINC_MMR_PROTEIN: Readonly<Record<MmrProtein, string>> = { MLH1: '81691-8', MSH2: '81692-6', MSH6: '81693-4', PMS2: '81694-2' };
/** LOINC answer list LL3993-4. */
export const LOINC_MMR_ANSWER = { intact: 'LA26197-6', loss: 'LA26198-4', undetermined: 'LA14100-4' } as const;

export const CAP_MMR_PROTEIN: Readonly<Record<MmrProtein, { question: string[]; intact: string[]; loss: string[] }>> = {
  MLH1: { question: cap('29999'), intact: cap('29487'), loss: cap('29488') },
  MSH2: { question: cap('30000'), intact: cap('29491'), loss: cap('29492') },
  MSH6: { question: cap('30001'), intact: cap('29496'), loss: cap('29497') },
  PMS2: { question: cap('30002'), intact: cap('29501'), loss: cap('29502') },
};
/** SNOMED observables: only MSH2 (colon primary, IHC) is verified; the other three are not known (U). */
export const SNOMED_MMR_OBSERVABLE: Readonly<Partial<Record<MmrProtein, string>>> = { MSH2: '1255068005' };
export const SNOMED_INTACT = '11163003';

/** CAP 29505 IHC interpretation: 29506 no loss (pMMR); 29507-29510 loss patterns (dMMR). */
export const CAP_MMR_INTERPRETATION = { question: cap('29505'), proficient: cap('29506'), deficient: cap('29507', '29508', '29509', '29510') };
/** CAP 29512 MSI by PCR: 29513 MSS, 29514 MSI-L (counts as MSS), 29519 MSI-H; 29523 cannot be determined. */
export const CAP_MSI = { question: cap('29512'), stable: cap('29513', '29514'), high: cap('29519') };

export const NCIT_SYSTEMS = ['http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl', 'https://nih-ncpi.github.io/ncpi-fhir-ig/CodeSystem-ncit.html'];
export const NCIT_MMR = { deficient: 'C137827', proficient: 'C131458' } as const;
/** Condition: microsatellite instability-high colorectal cancer (VSAC). */
export const SNOMED_MSI_H_COLORECTAL = '737058005';
/** MSI by immune stain (mCODE): read by the words of its value. */
export const LOINC_MSI_IHC = '62862-8';

// ---- Words ------------------------------------------------------------------------------------------

/** A protein named by a local code (not its promoter methylation, not a germline gene test). */
export const PROTEIN_WORDS: Readonly<Record<MmrProtein, RegExp>> = {
  MLH1: words('MLH-?1'), MSH2: words('MSH-?2'), MSH6: words('MSH-?6'), PMS2: words('PMS-?2'),
};
export const NOT_PROTEIN_IHC = words('methyl\\w*', 'germ-?line', 'sequenc\\w*', 'mutations?', 'variants?', 'gene');
export const LOSS_WORDS = words('loss(?: of (?:nuclear )?(?:expression|staining))?', 'lost', 'absent', 'deficient');
export const INTACT_WORDS = words('intact(?: nuclear expression)?', 'retained', 'present', 'proficient', 'preserved');
/** "No loss of nuclear expression" is intact. */
export const NO_LOSS_WORDS = words('no loss', 'without loss', 'not lost', 'no evidence of loss');
/** An MMR summary named by a local code. */
export const MMR_WORDS = words('MMR', 'mismatch repair', 'mismatch-repair', 'MMR IHC');
export const DMMR_WORDS = words('dMMR', 'MMR[- ]deficien\\w*', 'mismatch[- ]repair(?: protein)?[- ]deficien\\w*', 'deficient mismatch[- ]repair', 'deficient');
export const PMMR_WORDS = words('pMMR', 'MMR[- ]proficien\\w*', 'mismatch[- ]repair(?: protein)?[- ]proficien\\w*', 'proficient mismatch[- ]repair', 'proficient', 'no loss(?: of (?:nuclear )?expression)?');
export const MSI_HIGH_WORDS = words('MSI-?H(?:igh)?', 'MSI high', 'high(?:[- ]level)? microsatellite instability', 'microsatellite instability[- ]high', 'unstable');
export const MSI_STABLE_WORDS = words('MSS', 'MSI-?stable', 'microsatellite[- ]stable', 'stable', 'MSI-?L(?:ow)?');

// ---- HER2 -------------------------------------------------------------------------------------------

/** HER2 IHC (tissue): 18474-7 (GR), 72383-3 immunoassay, 85319-2 (breast-coded, used as the IHC score in MII). */
export const LOINC_HER2_IHC = ['18474-7', '72383-3', '85319-2'];
/** HER2 ISH presence (FISH): 31150-6 tissue, 85318-4 breast, 96893-3 tumour, 74885-5 FISH panel. */
export const LOINC_HER2_ISH = ['31150-6', '85318-4', '96893-3', '74885-5'];
export const CAP_HER2 = {
  ihc: { question: cap('364826'), negative: cap('364827', '364828'), positive: cap('364830') },
  ish: { question: cap('364843'), negative: cap('364844'), positive: cap('364845') },
  ratio: cap('364852'),
  genomic: { question: cap('364816'), negative: cap('364821'), positive: cap('364820') },
};
/** GR variant components: DNA change type (48019-4), legacy copy number change (62378-5), copy number (82155-3). */
export const LOINC_DNA_CHANGE_TYPE = ['48019-4', '62378-5'];
/** Sequence Ontology: SO:0001742 copy_number_gain; SO:0001019 copy_number_variation (a gain only when its words say so). */
export const SO_COPY_NUMBER_GAIN = 'SO:0001742';
export const SO_COPY_NUMBER_VARIATION = 'SO:0001019';
export const HER2_WORDS = words('HER-?2', 'ERBB-?2', 'HER2/neu', 'c-erbB-2');
export const GAIN_WORDS = words('gain', 'amplif\\w*', 'copy[_ ]number[_ ]gain');
export const SERUM_WORDS = words('serum', 'plasma', 'blood');


// ---- Which Observations these readers look at --------------------------------------------------------
/** Their standard codes, one set per system: a lookup per coding builds no `system|code` string. */
const PATHOLOGY_LOINC: ReadonlySet<string> = new Set([
  LOINC_MSI, LOINC_MSI_IHC, ...Object.values(LOINC_MMR_PROTEIN), LOINC_HER2_STATUS, LOINC_HER2_RATIO, ...LOINC_HER2_IHC, ...LOINC_HER2_ISH, LOINC_VARIANT_PANEL,
]);
const PATHOLOGY_SNOMED: ReadonlySet<string> = new Set([...Object.values(SNOMED_MMR_OBSERVABLE), '1234806008']);

/**
 * Whether the MMR, MSI and HER2 readers need to look at an Observation: one of their standard codes, a CAP
 * eCC or project code, a local code (read by its words), or an NCIt MMR value. An Observation under another
 * LOINC or SNOMED code (a CEA, a haemoglobin) is none of theirs: its words are never read.
 */
export function mayBePathologyResult(o: Json): boolean {
  let standard = false;
  // Asked of every Observation: the codings are read raw (`someCoding`), and the first that decides stops it.
  const decided = someCoding(o.code, (system, code) => {
    if (system === CAP_ECC || system === SYSTEM.concept) return true;
    const codes = system === SYSTEM.loinc ? PATHOLOGY_LOINC : system === SYSTEM.snomed ? PATHOLOGY_SNOMED : undefined;
    if (codes !== undefined) {
      if (codes.has(code.trim())) return true;
      standard = true;
    }
    return false;
  });
  return decided || !standard || someCoding(o.valueCodeableConcept, isNcit);
}

const isNcit = (system: string | undefined): boolean => system !== undefined && NCIT_SYSTEMS.includes(system);
