import type { BiomarkerResult, Biomarkers, GeneFinding, Provenance } from '../domain/case.js';
import { day, ref } from './labels.js';

/**
 * The biomarker panel: one row per marker (KRAS, NRAS, BRAF, MSI, HER2) with the status the engine used,
 * the variant, the date and record of the result used, and any conflict or caveat. Unknown stays unknown:
 * a marker without a valid result says so, it is never shown as wild-type. Pure.
 */
export type StatusKind = 'mutant' | 'wild-type' | 'unknown' | 'msi-h' | 'mss' | 'amplified' | 'not-amplified';

export interface BiomarkerRow {
  marker: 'KRAS' | 'NRAS' | 'BRAF' | 'MSI' | 'HER2';
  status: string;
  kind: StatusKind;
  variant?: string;
  date?: string;
  /** The record the status came from, e.g. `Observation/abc`. */
  used?: string;
  /** Caveats a clinician must see: conflicts, exon-2-only tests, other results on file (with their record). */
  notes: BiomarkerNote[];
  conflict: boolean;
}

export interface BiomarkerNote {
  text: string;
  /** The record the note is about, e.g. `Observation/abc`. */
  source?: string;
}

const note = (text: string): BiomarkerNote => ({ text });

function otherResult(r: BiomarkerResult): BiomarkerNote {
  const what = r.status === 'mutant' ? `mutant${r.variant ? ` ${r.variant}` : ''}` : 'wild-type';
  return { text: `Also on file: ${what}${r.exon2Only ? ' (exon 2 only)' : ''}, ${day(r.source.date) ?? 'undated'}`, source: ref(r.source) };
}

function usedFields(source: Provenance | undefined): Pick<BiomarkerRow, 'date' | 'used'> {
  if (!source) return {};
  const d = day(source.date);
  return { ...(d ? { date: d } : {}), used: ref(source) };
}

function geneRow(marker: 'KRAS' | 'NRAS' | 'BRAF', f: GeneFinding, v600e = false): BiomarkerRow {
  const notes: BiomarkerNote[] = [];
  if (f.status === 'unknown' || !f.used) {
    return { marker, status: 'Unknown', kind: 'unknown', notes: [note(`No valid ${marker} result on file (not the same as wild-type)`)], conflict: false };
  }
  const used = f.used;
  if (f.conflict) {
    notes.push(
      note(
        used.status === 'mutant'
          ? `Conflicting results on file: the valid mutant result is used, whatever the dates`
          : `Conflicting results on file: the newest result is used`,
      ),
    );
  }
  if (used.exon2Only) notes.push(note(`${marker} exon 2 only: RAS status incomplete`));
  for (const r of f.results) if (r !== used) notes.push(otherResult(r));
  const status = used.status === 'mutant' ? (marker === 'BRAF' && v600e ? 'Mutant (V600E)' : 'Mutant') : 'Wild-type';
  return {
    marker,
    status,
    kind: used.status,
    ...(used.variant ? { variant: used.variant } : {}),
    ...usedFields(used.source),
    notes,
    conflict: f.conflict,
  };
}

export function biomarkerRows(b: Biomarkers): BiomarkerRow[] {
  const msi = b.msi;
  const msiRow: BiomarkerRow =
    msi.status === 'unknown' || !msi.used
      ? { marker: 'MSI', status: 'Unknown', kind: 'unknown', notes: [note('No valid MSI/MMR result on file')], conflict: false }
      : {
          marker: 'MSI',
          status: msi.status === 'MSI-H' ? 'MSI-H / dMMR' : 'MSS / pMMR',
          kind: msi.status === 'MSI-H' ? 'msi-h' : 'mss',
          ...usedFields(msi.used.source),
          notes: msi.conflict ? [note(`Conflicting MSI/MMR results on file: the ${msi.status} result is used`)] : [],
          conflict: msi.conflict,
        };
  const her2: BiomarkerRow =
    b.her2.status === 'unknown'
      ? { marker: 'HER2', status: 'Unknown', kind: 'unknown', notes: [note('No valid HER2 result on file')], conflict: false }
      : {
          marker: 'HER2',
          status: b.her2.status === 'amplified' ? 'Amplified' : 'Not amplified',
          kind: b.her2.status,
          ...usedFields(b.her2.used),
          notes: [],
          conflict: false,
        };
  return [geneRow('KRAS', b.kras), geneRow('NRAS', b.nras), geneRow('BRAF', b.braf, b.braf.v600e), msiRow, her2];
}
