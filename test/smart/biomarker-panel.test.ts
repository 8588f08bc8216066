import { biomarkerRows, type BiomarkerRow } from '../../src/smart/biomarker-model.js';
import { vignette } from './support.js';

const row = (id: string, marker: BiomarkerRow['marker']): BiomarkerRow => {
  const r = biomarkerRows(vignette(id).c.biomarkers).find((x) => x.marker === marker);
  if (!r) throw new Error(`no ${marker} row`);
  return r;
};

describe('biomarker panel', () => {
  test('lists KRAS, NRAS, BRAF, MSI and HER2 in that order', () => {
    expect(biomarkerRows(vignette('V01').c.biomarkers).map((r) => r.marker)).toEqual(['KRAS', 'NRAS', 'BRAF', 'MSI', 'HER2']);
  });

  test('a mutant KRAS shows its variant, date and the record used', () => {
    const { c } = vignette('V01');
    const used = c.biomarkers.kras.used!;
    expect(row('V01', 'KRAS')).toMatchObject({
      status: 'Mutant',
      kind: 'mutant',
      variant: 'p.Gly12Asp',
      date: used.source.date!.slice(0, 10),
      used: `Observation/${used.source.id}`,
      conflict: false,
    });
  });

  test('untested KRAS is unknown, says so, and is never shown as wild-type', () => {
    const kras = row('V03', 'KRAS');
    expect(kras.kind).toBe('unknown');
    expect(kras.status).not.toMatch(/wild/i);
    expect(kras.notes.map((n) => n.text).join(' ')).toMatch(/No valid KRAS result on file \(not the same as wild-type\)/);
    expect(kras.used).toBeUndefined();
  });

  test('a preliminary-only panel counts as no result', () => {
    expect(row('E03', 'KRAS').kind).toBe('unknown');
  });

  test('a valid mutant outranks an older wild-type: the conflict is flagged and the other result listed', () => {
    const kras = row('V04', 'KRAS');
    expect(kras).toMatchObject({ kind: 'mutant', variant: 'p.Gly12Val', conflict: true });
    expect(kras.notes[0]?.text).toMatch(/Conflicting results on file: the valid mutant result is used/);
    expect(kras.notes.some((n) => /Also on file: wild-type \(exon 2 only\), 2019-/.test(n.text) && /^Observation\//.test(n.source ?? ''))).toBe(true);
  });

  test('MSS and an unknown MSI read differently', () => {
    expect(row('V01', 'MSI')).toMatchObject({ status: 'MSS / pMMR', kind: 'mss' });
    expect(row('V04', 'MSI')).toMatchObject({ status: 'Unknown', kind: 'unknown' });
    expect(row('V19', 'MSI')).toMatchObject({ status: 'MSI-H / dMMR', kind: 'msi-h' });
  });

  test('BRAF V600E is named', () => {
    expect(row('V34', 'BRAF')).toMatchObject({ status: 'Mutant (V600E)', kind: 'mutant' });
  });
});
