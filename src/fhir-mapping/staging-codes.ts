import type { StageGroup } from '../domain/case.js';

/**
 * Stage group and TNM codes. Observation codes and the IV-family / T / N / M values named in the conventions
 * are as listed there; the other SNOMED values come from public implementation guides (CMS EOM IG value
 * tables for colorectal T/N/M, CanShare NZ stage-group value set) and are (u). The CAP eCC resection bundle in
 * `shared/external-fhir` uses 1229852009 (pT2) and 1229954009 (pN1a) exactly as listed here.
 */

export const STAGE_GROUP_CODES = {
  loinc: ['21908-9', '21902-2', '21914-7'],
  snomed: ['399537006', '399588009', '399390009'],
};

/** T / N / M observation codes: the conventions' list plus mCODE's generic/"other" variants (78873005, 21911-3...). */
export const TNM_CODES = {
  t: { loinc: ['21905-5', '21899-0', '21911-3'], snomed: ['399504009', '384625004', '78873005'] },
  n: { loinc: ['21906-3', '21900-6', '21912-1'], snomed: ['399534004', '371494008', '277206009'] },
  m: { loinc: ['21907-1', '21901-4', '21913-9'], snomed: ['399387003', '371497001', '277208005'] },
} as const;

export const SNOMED_STAGE_GROUP: Readonly<Record<string, StageGroup>> = {
  '1222837003': 'IV',
  '1222838008': 'IVA',
  '1222841004': 'IVB',
  '1222842006': 'IVC',
  // (u) below
  '1222723001': 'I',
  '1222724007': 'I',
  '1222728005': 'I',
  '1222731006': 'I',
  '1222765007': 'II',
  '1222766008': 'II',
  '1222769001': 'II',
  '1222770000': 'II',
  '1222801008': 'III',
  '1222802001': 'III',
  '1222805004': 'III',
  '1222806003': 'III',
};

export type TnmCategory = 't' | 'n' | 'm';

/** SNOMED AJCC category value -> AJCC string (prefix kept). */
export const SNOMED_TNM_VALUE: Readonly<Record<string, { category: TnmCategory; value: string }>> = {
  '1228946001': { category: 't', value: 'cT4b' },
  '1229866004': { category: 't', value: 'pT4b' },
  '1229973008': { category: 'n', value: 'cN1' },
  '1229901006': { category: 'm', value: 'cM0' },
  '1229903009': { category: 'm', value: 'cM1' },
  '1229904003': { category: 'm', value: 'cM1a' },
  '1229907005': { category: 'm', value: 'cM1b' },
  '1229910003': { category: 'm', value: 'cM1c' },
  '1229916009': { category: 'm', value: 'pM1' },
  // (u) below: CMS EOM IG colorectal tables
  '1222604002': { category: 't', value: 'cTX' },
  '1228882005': { category: 't', value: 'cT0' },
  '1228884006': { category: 't', value: 'cTis' },
  '1228889001': { category: 't', value: 'cT1' },
  '1228929004': { category: 't', value: 'cT2' },
  '1228938002': { category: 't', value: 'cT3' },
  '1228944003': { category: 't', value: 'cT4' },
  '1228945002': { category: 't', value: 'cT4a' },
  '1228950008': { category: 't', value: 'pTX' },
  '1228951007': { category: 't', value: 'pT0' },
  '1228953005': { category: 't', value: 'pTis' },
  '1228957006': { category: 't', value: 'pT1' },
  '1229852009': { category: 't', value: 'pT2' },
  '1229859000': { category: 't', value: 'pT3' },
  '1229864001': { category: 't', value: 'pT4' },
  '1229865000': { category: 't', value: 'pT4a' },
  '1229966003': { category: 'n', value: 'cNX' },
  '1229967007': { category: 'n', value: 'cN0' },
  '1229975001': { category: 'n', value: 'cN1a' },
  '1229976000': { category: 'n', value: 'cN1b' },
  '1229977009': { category: 'n', value: 'cN1c' },
  '1229978004': { category: 'n', value: 'cN2' },
  '1229981009': { category: 'n', value: 'cN2a' },
  '1229982002': { category: 'n', value: 'cN2b' },
  '1229945006': { category: 'n', value: 'pNX' },
  '1229947003': { category: 'n', value: 'pN0' },
  '1229951001': { category: 'n', value: 'pN1' },
  '1229954009': { category: 'n', value: 'pN1a' },
  '1229955005': { category: 'n', value: 'pN1b' },
  '1229956006': { category: 'n', value: 'pN1c' },
  '1229957002': { category: 'n', value: 'pN2' },
  '1229959004': { category: 'n', value: 'pN2a' },
  '1229960009': { category: 'n', value: 'pN2b' },
  '1229917000': { category: 'm', value: 'pM1a' },
  '1229920008': { category: 'm', value: 'pM1b' },
  '1229923005': { category: 'm', value: 'pM1c' },
};

/** AJCC stage strings: `4`, `4A`, `IV`, `IVA`... and the lower groups (`IIIB`, `3B`, `2`). */
export function parseAjccStageGroup(code: string): StageGroup | undefined {
  const c = code.trim().toUpperCase().replace(/^STAGE\s*/, '');
  const iv = /^(?:IV|4)([ABC])?$/.exec(c);
  if (iv) return (iv[1] ? `IV${iv[1]}` : 'IV') as StageGroup;
  if (/^(?:III|3)[A-D]?\d?$/.test(c)) return 'III';
  if (/^(?:II|2)[A-C]?\d?$/.test(c)) return 'II';
  if (/^(?:I|1)[A-C]?\d?$/.test(c)) return 'I';
  return undefined;
}

/** AJCC category strings like `cT4b`, `pN1a`, `ypT3`, `M1a`, `cM0(i+)`: category from the letter. */
export function parseAjccCategory(code: string): { category: TnmCategory; value: string } | undefined {
  const m = /^(c|p|yp|yc|r|rp|a)?([TNM])([0-4]|X|is)([a-d])?(?:\(.*\))?$/i.exec(code.trim());
  if (!m || !m[2]) return undefined;
  return { category: m[2].toLowerCase() as TnmCategory, value: code.trim() };
}

export function isStageIvGroup(g: StageGroup | undefined): boolean {
  return g === 'IV' || g === 'IVA' || g === 'IVB' || g === 'IVC';
}

/** M1, M1a, pM1c... (not M0, MX). */
export function isM1(value: string): boolean {
  return /^(?:c|p|yp|yc|r|rp|a)?M1/i.test(value);
}

/** `cT3N2M1a`, `pT4bN1M0`, `T3 N1 M1b`: the three categories of one combined AJCC string (empty when it is not one). */
export function splitCombinedTnm(text: string): { category: TnmCategory; value: string }[] {
  const m = /^\s*(c|p|yp|yc|r|rp|a)?\s*T([0-4]|X|is)([a-d])?\s*(c|p|yp)?\s*N([0-3]|X)([a-c])?\s*(c|p|yp)?\s*M([01]|X)([a-d])?\s*$/i.exec(text);
  if (!m) return [];
  const prefix = (m[1] ?? '').toLowerCase();
  const part = (own: string | undefined, letter: string, value: string, sub: string | undefined) =>
    `${(own ?? prefix).toLowerCase()}${letter}${value}${sub ?? ''}`;
  return [
    { category: 't', value: part(m[1], 'T', m[2] as string, m[3]) },
    { category: 'n', value: part(m[4], 'N', m[5] as string, m[6]) },
    { category: 'm', value: part(m[7], 'M', m[8] as string, m[9]) },
  ];
}
