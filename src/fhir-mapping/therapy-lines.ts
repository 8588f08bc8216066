import type { Drug, DrugExposure, Regimen, SystemicTherapy, TherapyLine } from '../domain/case.js';
import { BACKBONE_PARTNERS, FLUOROPYRIMIDINES, MODULATORS } from '../domain/drug-groups.js';
import { dayOf, toMs } from './dates.js';
import { DRUG_CLASS } from './drug-catalog.js';
import { readExposures } from './drugs.js';
import { type RecordInput, asRecord } from './record.js';

/**
 * Lines of systemic therapy after the metastatic diagnosis (conventions, "Regimens"): a new line starts when
 * the backbone partner changes (oxaliplatin <-> irinotecan) or a new class starts (checkpoint, BRAF or KRAS
 * G12C inhibitor, anti-HER2, trifluridine/tipiracil, regorafenib/fruquintinib), or when chemotherapy follows a
 * line of new-class drugs only. Swapping the fluoropyrimidine or adding/dropping a biologic is the same line.
 */

const NEW_LINE_CLASSES = new Set([
  'checkpoint-inhibitor', 'braf-inhibitor', 'kras-g12c-inhibitor', 'anti-her2', 'trifluridine-tipiracil',
  'multikinase-inhibitor',
]);

export function regimenOf(drugs: readonly Drug[]): Regimen {
  const has = (d: Drug) => drugs.includes(d);
  const fp = FLUOROPYRIMIDINES.some(has);
  if (fp && has('oxaliplatin') && has('irinotecan')) return 'FOLFOXIRI';
  if (fp && has('oxaliplatin')) return has('capecitabine') && !has('fluorouracil') ? 'CAPOX' : 'FOLFOX';
  if (fp && has('irinotecan')) return 'FOLFIRI';
  return fp ? 'fluoropyrimidine' : 'other';
}

interface Building {
  exposures: DrugExposure[];
  partners: Set<Drug>;
  classes: Set<string>;
  chemo: boolean;
}

function startsNewLine(line: Building, day: readonly DrugExposure[]): boolean {
  const drugs = day.map((e) => e.drug);
  const newPartner = line.partners.size > 0 && drugs.some((d) => BACKBONE_PARTNERS.includes(d) && !line.partners.has(d));
  const newClass = drugs.some((d) => NEW_LINE_CLASSES.has(DRUG_CLASS[d]) && !line.classes.has(DRUG_CLASS[d]));
  // Chemotherapy after a line of only new-class drugs (e.g. pembrolizumab first line); a biologic alone does not count.
  const chemoAfterNone = !line.chemo && line.classes.size > 0 && drugs.some((d) => BACKBONE_PARTNERS.includes(d) || FLUOROPYRIMIDINES.includes(d));
  return newPartner || newClass || chemoAfterNone;
}

function absorb(line: Building, day: readonly DrugExposure[]): void {
  for (const e of day) {
    line.exposures.push(e);
    if (BACKBONE_PARTNERS.includes(e.drug)) line.partners.add(e.drug);
    if (NEW_LINE_CLASSES.has(DRUG_CLASS[e.drug])) line.classes.add(DRUG_CLASS[e.drug]);
    if (BACKBONE_PARTNERS.includes(e.drug) || FLUOROPYRIMIDINES.includes(e.drug)) line.chemo = true;
  }
}

/** Latest moment a drug is known given: the end of an administration/statement period (if past), else its date. */
function givenAt(e: DrugExposure, nowMs: number): number | undefined {
  const end = toMs(e.endDate);
  if (end !== undefined && end <= nowMs && e.kind !== 'order') return end;
  return toMs(e.date);
}

function finishLine(b: Building, number: number, nowMs: number): TherapyLine {
  const drugs = [...new Set(b.exposures.map((e) => e.drug))];
  // One pass each (every exposure here is dated): the first of the earliest, and the first of the latest given.
  let first: DrugExposure | undefined;
  let firstMs = Infinity;
  let lastGiven: DrugExposure | undefined;
  let lastMs = -Infinity;
  for (const e of b.exposures) {
    const ms = toMs(e.date);
    if (ms !== undefined && ms < firstMs) {
      first = e;
      firstMs = ms;
    }
    const given = givenAt(e, nowMs);
    if (given !== undefined && given > lastMs) {
      lastGiven = e;
      lastMs = given;
    }
  }
  const start = first?.date;
  const lastIso = lastGiven === undefined ? undefined : lastMs === toMs(lastGiven.date) ? lastGiven.date : lastGiven.endDate;

  // Administration days of the backbone drug(s): the partner, else the fluoropyrimidine, else any drug.
  const backbone = drugs.filter((d) => BACKBONE_PARTNERS.includes(d));
  const fallback = drugs.filter((d) => FLUOROPYRIMIDINES.includes(d));
  const backboneDrugs = backbone.length > 0 ? backbone : fallback.length > 0 ? fallback : drugs;
  const adminDays = new Set<string>();
  for (const e of b.exposures) if (e.kind === 'administration' && e.date && backboneDrugs.includes(e.drug)) adminDays.add(dayOf(e.date));

  return {
    number,
    regimen: regimenOf(drugs),
    drugs,
    ...(start !== undefined ? { start } : {}),
    ...(lastIso !== undefined ? { lastGiven: lastIso } : {}),
    activeRecord: b.exposures.some((e) => e.active),
    ...(adminDays.size > 0 ? { administrationDays: adminDays.size } : {}),
  };
}

/** Lines from dated exposures on or after the metastatic diagnosis day (all dated exposures when it is unknown). */
export function buildLines(exposures: readonly DrugExposure[], now: Date, metastaticDiagnosisDate?: string): TherapyLine[] {
  const nowMs = now.getTime();
  const since = metastaticDiagnosisDate === undefined ? undefined : dayOf(metastaticDiagnosisDate);
  // Each exposure's time and day read once; then oldest first (a stable sort, as `byDateAsc`).
  const dated: Array<{ e: DrugExposure; ms: number; day: string }> = [];
  for (const e of exposures) {
    const ms = toMs(e.date);
    if (e.date === undefined || ms === undefined) continue;
    const day = dayOf(e.date);
    if (since === undefined || day >= since) dated.push({ e, ms, day });
  }
  dated.sort((a, b) => a.ms - b.ms);
  const days = new Map<string, DrugExposure[]>();
  for (const { e, day: key } of dated) {
    const day = days.get(key);
    if (day) day.push(e);
    else days.set(key, [e]);
  }
  const built: Building[] = [];
  for (const day of days.values()) {
    const current = built[built.length - 1];
    const therapy = day.filter((e) => !MODULATORS.includes(e.drug));
    if (current === undefined || (therapy.length > 0 && startsNewLine(current, therapy))) {
      if (therapy.length === 0) continue; // leucovorin alone does not start a line
      built.push({ exposures: [], partners: new Set(), classes: new Set(), chemo: false });
    }
    absorb(built[built.length - 1] as Building, day);
  }
  return built.map((b, i) => finishLine(b, i + 1, nowMs));
}

export function mapTherapy(input: RecordInput, now: Date, metastaticDiagnosisDate?: string): SystemicTherapy {
  const record = asRecord(input);
  const { exposures, unidentified } = readExposures(record, now);
  return {
    exposures,
    ...(unidentified.length > 0 ? { unidentified } : {}),
    lines: buildLines(exposures, now, metastaticDiagnosisDate),
  };
}
