/**
 * Synthetic Bulk Data exports for the audit benchmark, from the project's fixture builders: a few template
 * records (built once), instantiated per patient by replacing the template's patient id. About 2% stage IV
 * rectal cancer (the vignettes' in-scope records, in turn), 28% other cancers (sigmoid colon with liver
 * metastases on FOLFOX, anal cancer), 70% no cancer (comorbidities and routine labs).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FhirResource } from 'fhir/r4.js';
import { mapCase } from '../../src/fhir-mapping/map-case.js';
import { inScope } from '../../src/engine/evaluate.js';
import {
  aCeaSeries, aCondition, aHemoglobin, aMetastasis, aPatient, aRectalCancer, aRegimenCourse, fixtureContext,
} from '../../src/fixtures/builders/index.js';
import { allScenarios } from '../../src/fixtures/scenarios/index.js';

export const BENCH_NOW = new Date('2026-06-01T12:00:00Z');
/** Lines per output file, as export servers split large types (the file is the unit threads share out). */
const LINES_PER_FILE = 50_000;

interface Template {
  patientId: string;
  /** Each resource as one NDJSON line, still naming the template patient. */
  lines: { type: string; text: string }[];
}

const snomed = (code: string, display: string) => ({ system: 'http://snomed.info/sct', code, display });

function templateOf(patientId: string, record: FhirResource[]): Template {
  return { patientId, lines: record.map((r) => ({ type: r.resourceType, text: JSON.stringify(r) })) };
}

function noCancer(id: string, variant: number): FhirResource[] {
  const ctx = fixtureContext(BENCH_NOW, id);
  return [
    aPatient(ctx, { gender: variant % 2 ? 'female' : 'male', ageYears: 40 + variant * 7 }),
    aCondition(ctx, snomed('38341003', 'Hypertensive disorder'), { daysAgo: 2000 }),
    aCondition(ctx, snomed('44054006', 'Diabetes mellitus type 2'), { daysAgo: 1500 }),
    ...Array.from({ length: 10 + variant * 2 }, (_, i) => aHemoglobin(ctx, { daysAgo: 30 + i * 90, value: 13 + (i % 3) * 0.4 })),
  ];
}

function colonCancer(id: string): FhirResource[] {
  const ctx = fixtureContext(BENCH_NOW, id);
  return [
    aPatient(ctx, { gender: 'female', ageYears: 63 }),
    aRectalCancer(ctx, { icd10: 'C18.7', onsetDaysAgo: 200, codedAs: 'icd10' }),
    aMetastasis(ctx, 'liver', { daysAgo: 190 }),
    aCondition(ctx, snomed('38341003', 'Hypertensive disorder'), { daysAgo: 2000 }),
    ...aCeaSeries(ctx, [[180, 40], [120, 22], [60, 9], [10, 6]]),
    ...Array.from({ length: 8 }, (_, i) => aHemoglobin(ctx, { daysAgo: 10 + i * 20, value: 11 + (i % 4) * 0.3 })),
    ...aRegimenCourse(ctx, 'FOLFOX', { startDaysAgo: 170, cycles: 8 }),
  ];
}

function analCancer(id: string): FhirResource[] {
  const ctx = fixtureContext(BENCH_NOW, id);
  return [
    aPatient(ctx, { gender: 'male', ageYears: 58 }),
    aRectalCancer(ctx, { icd10: 'C21.0', onsetDaysAgo: 400, codedAs: 'icd10' }),
    ...Array.from({ length: 12 }, (_, i) => aHemoglobin(ctx, { daysAgo: 10 + i * 30, value: 12.5 })),
  ];
}

/** The vignettes' records that are in scope and stage IV (the 2% the audit is about). */
function stageIvRectal(): Template[] {
  return allScenarios
    .map((s) => ({ s, record: s.record(BENCH_NOW) }))
    .filter(({ s, record }) => {
      const c = mapCase(record, { patientId: s.patientId, now: BENCH_NOW, rectosigmoidInScope: false });
      return inScope(c) && c.stageIV;
    })
    .map(({ s, record }) => templateOf(s.patientId, record));
}

export interface Population {
  dir: string;
  patients: number;
  bytes: number;
  lines: number;
  stageIvRectal: number;
}

/** Buffered writer of one resource type's files: `Type.1.ndjson`, `Type.2.ndjson`, ... */
class TypeFiles {
  private fd = -1;
  private n = 0;
  private linesInFile = 0;
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(
    private readonly dir: string,
    private readonly type: string,
  ) {}
  add(text: string): void {
    if (this.fd < 0 || this.linesInFile >= LINES_PER_FILE) this.rotate();
    this.buffer.push(text);
    this.size += text.length + 1;
    this.linesInFile++;
    if (this.size > 4 << 20) this.flush();
  }
  private rotate(): void {
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = openSync(join(this.dir, `${this.type}.${++this.n}.ndjson`), 'w');
    this.linesInFile = 0;
  }
  flush(): void {
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.bytes += writeSync(this.fd, chunk);
    this.buffer = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    if (this.fd >= 0) closeSync(this.fd);
  }
}

/** The population of `patients` patients in `dir` (reused when already generated with the same size). */
export function generatePopulation(dir: string, patients: number, log: (s: string) => void = () => undefined): Population {
  const marker = join(dir, 'population.json');
  if (existsSync(marker)) {
    const p = JSON.parse(readFileSync(marker, 'utf8')) as Population;
    if (p.patients === patients) return p;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rectal = stageIvRectal();
  const others = [templateOf('tpl-colon', colonCancer('tpl-colon')), templateOf('tpl-anal', analCancer('tpl-anal'))];
  const plain = [0, 1, 2, 3].map((v) => templateOf(`tpl-none-${v}`, noCancer(`tpl-none-${v}`, v)));
  const files = new Map<string, TypeFiles>();
  let lines = 0;
  let stageIv = 0;
  for (let i = 0; i < patients; i++) {
    const slot = i % 50;
    // 1 in 50 (2%): stage IV rectal; 14 in 50 (28%): other cancers; the rest no cancer.
    const t = slot === 0 ? rectal[Math.floor(i / 50) % rectal.length]! : slot <= 14 ? others[slot % 2]! : plain[slot % 4]!;
    if (slot === 0) stageIv++;
    const id = `pt${i.toString(36)}`;
    for (const l of t.lines) {
      let out = files.get(l.type);
      if (!out) files.set(l.type, (out = new TypeFiles(dir, l.type)));
      out.add(l.text.split(t.patientId).join(id));
      lines++;
    }
    if (i > 0 && i % 100_000 === 0) log(`generated ${i} patients`);
  }
  let bytes = 0;
  for (const f of files.values()) {
    f.close();
    bytes += f.bytes;
  }
  const p: Population = { dir, patients, bytes, lines, stageIvRectal: stageIv };
  writeFileSync(marker, JSON.stringify(p));
  return p;
}
