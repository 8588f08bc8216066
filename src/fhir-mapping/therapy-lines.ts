import { LINE_ACTIVE_DAYS } from '../engine/thresholds.js';
import type { Drug, DrugExposure, Regimen, SystemicTherapy, TherapyLine } from '../domain/case.js';
import { DAY_MS, byDateAsc, dayOf, toMs } from './dates.js';
import { DRUG_CLASS } from './drug-catalog.js';
import { readExposures } from './drugs.js';
import { type RecordInput, asRecord } from './record.js';

/**
 * Lines of systemic therapy after the metastatic diagnosis (conventions, "Regimens"): a new line starts when
 * the backbone partner changes (oxaliplatin <-> irinotecan) or a new class starts (checkpoint, BRAF or KRAS
 * G12C inhibitor, anti-HER2, trifluridine/tipiracil, regorafenib/fruquintinib), or when chemotherapy follows a
 * line of new-class drugs only. Swapping the fluoropyrimidine or adding/dropping a biologic is the same line.
 */

/** Decision table "Terms": a line is active while a drug has an active order or was given in the window. */
export const LINE_ACTIVE_WINDOW_DAYS = LINE_ACTIVE_DAYS;
/** Cycles from elapsed time when no administrations are recorded: one cycle per two weeks. */
const WEEKS_PER_CYCLE = 2;

const PARTNERS: readonly Drug[] = ['oxaliplatin', 'irinotecan'];
const FLUOROPYRIMIDINES: readonly Drug[] = ['fluorouracil', 'capecitabine'];
const MODULATORS: readonly Drug[] = ['leucovorin', 'levoleucovorin'];
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
  const newPartner = line.partners.size > 0 && drugs.some((d) => PARTNERS.includes(d) && !line.partners.has(d));
  const newClass = drugs.some((d) => NEW_LINE_CLASSES.has(DRUG_CLASS[d]) && !line.classes.has(DRUG_CLASS[d]));
  // Chemotherapy after a line of only new-class drugs (e.g. pembrolizumab first line); a biologic alone does not count.
  const chemoAfterNone = !line.chemo && line.classes.size > 0 && drugs.some((d) => PARTNERS.includes(d) || FLUOROPYRIMIDINES.includes(d));
  return newPartner || newClass || chemoAfterNone;
}

function absorb(line: Building, day: readonly DrugExposure[]): void {
  for (const e of day) {
    line.exposures.push(e);
    if (PARTNERS.includes(e.drug)) line.partners.add(e.drug);
    if (NEW_LINE_CLASSES.has(DRUG_CLASS[e.drug])) line.classes.add(DRUG_CLASS[e.drug]);
    if (PARTNERS.includes(e.drug) || FLUOROPYRIMIDINES.includes(e.drug)) line.chemo = true;
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
  const start = byDateAsc(b.exposures, (e) => e.date)[0]?.date;
  const lastMs = b.exposures.reduce((m, e) => Math.max(m, givenAt(e, nowMs) ?? -Infinity), -Infinity);
  const lastGiven = b.exposures.find((e) => givenAt(e, nowMs) === lastMs);
  const lastIso = lastGiven === undefined ? undefined : lastMs === toMs(lastGiven.date) ? lastGiven.date : lastGiven.endDate;
  const active =
    b.exposures.some((e) => e.active) ||
    (Number.isFinite(lastMs) && nowMs - lastMs <= LINE_ACTIVE_WINDOW_DAYS * DAY_MS);

  // Cycles: distinct administration days of the backbone drug(s); else elapsed weeks / 2.
  const backbone = drugs.filter((d) => PARTNERS.includes(d));
  const fallback = drugs.filter((d) => FLUOROPYRIMIDINES.includes(d));
  const backboneDrugs = backbone.length > 0 ? backbone : fallback.length > 0 ? fallback : drugs;
  const adminDays = new Set(
    b.exposures.filter((e) => e.kind === 'administration' && backboneDrugs.includes(e.drug) && e.date).map((e) => dayOf(e.date as string)),
  );
  const startMs = toMs(start);
  const untilMs = active ? nowMs : lastMs;
  const elapsedCycles =
    startMs !== undefined && Number.isFinite(untilMs)
      ? Math.max(1, Math.floor((untilMs - startMs) / (7 * DAY_MS) / WEEKS_PER_CYCLE))
      : undefined;
  const cycles = adminDays.size > 0 ? adminDays.size : elapsedCycles;

  return {
    number,
    regimen: regimenOf(drugs),
    drugs,
    ...(start !== undefined ? { start } : {}),
    ...(lastIso !== undefined ? { lastGiven: lastIso } : {}),
    ...(cycles !== undefined ? { cycles } : {}),
    active,
  };
}

/** Lines from dated exposures on or after the metastatic diagnosis day (all dated exposures when it is unknown). */
export function buildLines(exposures: readonly DrugExposure[], now: Date, metastaticDiagnosisDate?: string): TherapyLine[] {
  const nowMs = now.getTime();
  const since = metastaticDiagnosisDate === undefined ? undefined : dayOf(metastaticDiagnosisDate);
  const dated = exposures.filter((e) => e.date !== undefined && toMs(e.date) !== undefined && (since === undefined || dayOf(e.date) >= since));
  const days = new Map<string, DrugExposure[]>();
  for (const e of byDateAsc(dated, (x) => x.date)) {
    const key = dayOf(e.date as string);
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

/** Latest bevacizumab dose: administration, else statement, else the latest given order's date. */
function lastBevacizumab(exposures: readonly DrugExposure[], nowMs: number): SystemicTherapy['lastBevacizumab'] {
  const bev = exposures.filter((e) => e.drug === 'bevacizumab');
  const bases = [['administration', 'administration'], ['statement', 'statement'], ['order', 'order-date']] as const;
  for (const [kind, basis] of bases) {
    const candidates = bev.filter((e) => e.kind === kind && givenAt(e, nowMs) !== undefined);
    const latest = candidates.sort((a, b) => (givenAt(b, nowMs) ?? 0) - (givenAt(a, nowMs) ?? 0))[0];
    if (!latest) continue;
    const ms = givenAt(latest, nowMs) as number;
    const date = ms === toMs(latest.date) ? (latest.date as string) : (latest.endDate as string);
    return { date, basis, source: latest.source };
  }
  return undefined;
}

export function mapTherapy(input: RecordInput, now: Date, metastaticDiagnosisDate?: string): SystemicTherapy {
  const record = asRecord(input);
  const { exposures, unidentified } = readExposures(record, now);
  const therapy = byDateAsc(exposures.filter((e) => e.date !== undefined && !MODULATORS.includes(e.drug)), (e) => e.date);
  const firstDose = therapy[0]?.date;
  const lastDose = therapy[therapy.length - 1]?.date;
  const bev = lastBevacizumab(exposures, now.getTime());
  return {
    exposures,
    ...(unidentified.length > 0 ? { unidentified } : {}),
    lines: buildLines(exposures, now, metastaticDiagnosisDate),
    ...(firstDose !== undefined ? { firstDose } : {}),
    ...(lastDose !== undefined ? { lastDose } : {}),
    ...(bev ? { lastBevacizumab: bev } : {}),
  };
}
