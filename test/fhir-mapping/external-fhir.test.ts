import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Case } from '../../src/domain/case.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { factsOf } from '../support/chart-review.js';
import { externalFixturePath } from '../support/external-fixtures.js';

/**
 * The mapper over every JSON example in `test/fixtures/external/fhir` (real data written by others, copied
 * with its provenance). Nothing may throw, and each file must read the way a clinician reads it.
 */

const ROOT = externalFixturePath('fhir');
const NOW = new Date('2026-06-01T00:00:00Z');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** The Patient of a Bundle (its id), else the first subject reference, else a placeholder. */
function patientIdOf(json: { resourceType?: string; entry?: { resource?: { resourceType?: string; id?: string } }[]; subject?: { reference?: string } }): string {
  const p = json.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource;
  return p?.id ?? json.subject?.reference?.split('/').pop() ?? 'unknown';
}

const files = jsonFiles(ROOT);
const cases = new Map<string, Case>();

/** Map a file once, on first use (tests may run filtered, in any order). */
function mapFile(path: string): Case {
  const name = basename(path);
  const hit = cases.get(name);
  if (hit) return hit;
  const json = JSON.parse(readFileSync(path, 'utf8'));
  const c = mapCase([json], { patientId: patientIdOf(json), now: NOW, rectosigmoidInScope: true });
  cases.set(name, c);
  return c;
}

test('the example data is there', () => {
  expect(files.length).toBeGreaterThanOrEqual(20);
});

test.each(files.map((f) => [basename(f), f]))('%s maps without throwing', (_name, path) => {
  expect(mapFile(path).now).toBe(NOW.toISOString());
});

function get(prefix: string): Case {
  const path = files.find((f) => basename(f).startsWith(prefix));
  if (!path) throw new Error(`no example file named ${prefix}*`);
  return mapFile(path);
}

const reasonOf = (c: Case) => (c.scope.kind === 'out-of-scope' ? c.scope.reason : c.scope.kind);

describe('Synthea colorectal patients (SMART sample data)', () => {
  test.each<[string, string, boolean]>([
    ['Cleo_Friesen', 'colon-cancer', true],
    ['Micah_Schinner', 'colon-cancer', true],
    ['Gabriela_Streich', 'colon-cancer', true],
    ['Luis_Miguel_Delarosa', 'colon-cancer', false],
    ['Lavelle_Kuvalis', 'no-rectal-cancer', false],
    ['Darin_Skiles', 'no-rectal-cancer', false],
  ])('%s: out of scope (%s), deceased %s', (prefix, reason, deceased) => {
    const c = get(prefix);
    expect(reasonOf(c)).toBe(reason);
    expect(c.deceased).toBe(deceased);
  });

  test('94260004 "secondary malignant neoplasm of colon" reads as (metastatic) colon cancer, not as a metastatic site', () => {
    const c = get('Cleo_Friesen');
    expect(c.metastases).toEqual([]);
    expect(c.scope).toEqual({ kind: 'out-of-scope', reason: 'colon-cancer' });
  });

  test('Synthea chemotherapy: leucovorin + oxaliplatin orders by their RxNorm clinical-drug codes (real-world codes section 8), still active, no fluorouracil', () => {
    const c = get('Cleo_Friesen');
    // In the record's stable order (by id), as the same resources give it unpacked.
    expect(c.therapy.exposures.map((e) => [e.drug, e.kind, e.active, e.source.matched])).toEqual([
      ['oxaliplatin', 'order', true, 'http://www.nlm.nih.gov/research/umls/rxnorm|1736776'],
      ['leucovorin', 'order', true, 'http://www.nlm.nih.gov/research/umls/rxnorm|1803932'],
    ]);
    expect(c.therapy.lines).toEqual([expect.objectContaining({ number: 1, regimen: 'other', drugs: ['oxaliplatin', 'leucovorin'], activeRecord: true })]);
    expect(factsOf(c).lines[0]?.active).toBe(true);
  });

  test('Micah: diverting colostomy done; anal bleeding is a current symptom', () => {
    const c = get('Micah_Schinner');
    expect(c.procedures.map((p) => [p.kind, p.status])).toEqual([['diversion', 'done']]);
    expect(c.symptoms.map((s) => s.symptom)).toEqual(['bleeding']);
  });

  test('no Synthea patient has biomarkers, CEA, ECOG or stage observations', () => {
    for (const prefix of ['Cleo', 'Micah', 'Gabriela', 'Luis', 'Lavelle', 'Darin']) {
      const c = get(prefix);
      expect([c.biomarkers.kras.status, c.biomarkers.msi.status, c.cea.values.length, c.performance, c.stageGroup, c.stageIV]).toEqual(['unknown', 'unknown', 0, undefined, undefined, false]);
    }
  });
});

describe('CAP eCC colorectal pathology (medplum cdc-medmorph)', () => {
  test('resection: pT2 pN1a, pM not assessable -> not stage IV; no Condition, so no rectal cancer on record', () => {
    const c = get('Bundle-TxBundleColorectalRes');
    expect([c.tnm.t?.value, c.tnm.n?.value, c.tnm.m]).toEqual(['pT2', 'pN1a', undefined]);
    expect(c.stageIV).toBe(false);
    expect(reasonOf(c)).toBe('no-rectal-cancer');
  });

  test('biomarker form: MSH2 intact alone is not an MMR status (unknown), no RAS result', () => {
    const c = get('Bundle-TxBundleColorectalBMK');
    expect([c.biomarkers.msi.status, c.biomarkers.kras.status]).toEqual(['unknown', 'unknown']);
  });

  test('biopsy: nothing staged', () => {
    const c = get('Bundle-TxBundleColorectalBx');
    expect([c.stageGroup, c.tnm, c.stageIV]).toEqual([undefined, {}, false]);
  });
});

describe('HL7 Central Cancer Registry Reporting IG (breast)', () => {
  test('content bundle: stage IIA (cT2 cN0 cM0), not stage IV', () => {
    const c = get('ccrr-content-bundle-example');
    expect([c.stageGroup?.value, c.tnm.t?.value, c.tnm.n?.value, c.tnm.m?.value, c.stageIV]).toEqual(['II', 'cT2', 'cN0', 'cM0', false]);
  });

  test('breast primary: another cancer, out of scope', () => {
    expect(reasonOf(get('ccrr-primary-cancer-condition-breast'))).toBe('other-cancer');
    expect(reasonOf(get('ccrr-non-encounter-based-content-bundle-example'))).toBe('other-cancer');
  });

  test('docetaxel is not a drug of this service', () => {
    expect(get('ccrr-med-admin-docetaxel-example').therapy.exposures).toEqual([]);
  });

  test('radiotherapy course summary: done, curative intent, no dose -> course "other"; no body site -> pelvic by rule', () => {
    const c = get('ccrr-procedure-radiotherapy-example');
    expect(c.radiotherapy).toEqual([expect.objectContaining({ course: 'other', status: 'done', pelvic: true, date: '2024-01-31' })]);
    expect(c.curativeIntent).toMatchObject({ resourceType: 'Procedure', id: 'radiotherapy-example' });
  });

  test('lumpectomy is not a procedure the rules know', () => {
    expect(get('ccrr-procedure-surgery-example').procedures).toEqual([]);
  });
});

describe('HL7 Genomics Reporting STU1 oncology report', () => {
  test('NRAS p.G12C present (gene as HGNC:7989 in the genenames.org/geneId system); KRAS and BRAF not tested', () => {
    const b = get('STU1-oncology-report-example').biomarkers;
    expect(b.nras).toMatchObject({ status: 'mutant', used: { status: 'mutant', variant: 'p.G12C' }, conflict: false });
    expect([b.kras.status, b.braf.status, b.msi.status, b.her2.status]).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  test('entries without ids are named by their urn:uuid fullUrl', () => {
    expect(get('STU1-oncology-report-example').biomarkers.nras.used?.source.id).toBe('urn:uuid:1d773d66-cec7-44a2-b92a-46d00adeae00');
  });
});
