import { csvField, csvRow } from '../../src/audit/csv.js';
import { CSV_HEADER, csvOf } from '../../src/audit/write-findings.js';

/** A strict RFC 4180 reader, to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

test.each<[string, string]>([
  ['plain', 'plain'],
  ['a,b', '"a,b"'],
  ['say "no"', '"say ""no"""'],
  ['two\nlines', '"two\nlines"'],
  ['cr\r', '"cr\r"'],
])('%j is written as %j', (value, written) => {
  expect(csvField(value)).toBe(written);
});

test('a finding with commas, quotes and line breaks reads back field for field', () => {
  const row = csvOf({
    kind: 'gap',
    patientId: 'p-1',
    ruleId: 'RC-05',
    title: 'Anti-EGFR, "left-sided"',
    indicator: 'critical',
    summary: 'line one\nline two, with comma',
    basedOn: [
      { label: 'KRAS', value: 'G12D, mutant', date: '2026-01-02', reference: 'Observation/o1' },
      { label: 'Drug', value: 'cetuximab "Erbitux"', reference: 'MedicationRequest/m1' },
    ],
    firstDetected: '2026-06-01',
    earliestEvidence: '2026-01-02',
  });
  const [fields] = parseCsv(row);
  expect(fields).toHaveLength(CSV_HEADER.length);
  expect(fields).toEqual([
    'gap',
    'p-1',
    'RC-05',
    'Anti-EGFR, "left-sided"',
    'critical',
    'line one\nline two, with comma',
    'KRAS: G12D, mutant [2026-01-02] (Observation/o1) | Drug: cetuximab "Erbitux" (MedicationRequest/m1)',
    '2026-01-02',
    '2026-06-01',
    '',
  ]);
  expect(parseCsv(csvRow(CSV_HEADER))[0]).toEqual(CSV_HEADER);
});
