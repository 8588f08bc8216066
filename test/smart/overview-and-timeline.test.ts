import { buildOverview, type Row } from '../../src/smart/overview-model.js';
import { buildTimeline } from '../../src/smart/timeline-model.js';
import { lineLabel } from '../../src/smart/labels.js';
import { parseMarkdown, splitSections } from '../../src/smart/markdown.js';
import { NOW, vignette } from './support.js';

const rows = (id: string): Record<string, Row> => {
  const { facts, record } = vignette(id);
  return Object.fromEntries(buildOverview(facts, record, NOW).rows.map((r) => [r.key, r]));
};

describe('case at a glance', () => {
  test('diagnosis, stage, TNM, sites, resectability and ECOG of V01', () => {
    const r = rows('V01');
    expect(r['diagnosis']!.value).toBe('Malignant neoplasm of rectum (C20) · Adenocarcinoma');
    expect(r['stage']!.value).toBe('Stage IVA');
    expect(r['stage']!.empty).toBeUndefined();
    expect(r['tnm']!.value).toBe('cT3 cN1 cM1a');
    expect(r['metastases']!.value).toMatch(/^Liver \(\d{4}-\d{2}-\d{2}\) · synchronous$/);
    expect(r['resectability']!.value).toBe('Unresectable');
    expect(r['ecog']!.value).toBe('1');
    expect(r['primary']!.value).toBe('In place');
  });

  test('missing facts are named as missing, not left blank', () => {
    const r = rows('V04');
    expect(r['stage']).toMatchObject({ empty: true, value: 'No stage group recorded; stage IV by distant metastases' });
    expect(r['resectability']).toMatchObject({ empty: true, value: 'No resectability assessment on file' });
    expect(r['primary']!.value).toBe('Resected');
  });

  test('Karnofsky is shown converted, with the original score', () => {
    expect(rows('V24')['ecog']!.value).toBe('3 (from Karnofsky 40)');
  });

  test('patient banner and the out-of-scope notice', () => {
    const { facts, record } = vignette('V25');
    const o = buildOverview(facts, record, NOW);
    expect(o.patient.summary).toBe('62 y, male');
    expect(o.scopeNotice).toMatch(/colon cancer/);
  });
});

describe('treatment timeline', () => {
  test('radiotherapy, surgery and lines in date order, with cycles and the last bevacizumab', () => {
    const { facts } = vignette('V04');
    const t = buildTimeline(facts, NOW);
    expect(t.events.map((e) => e.kind)).toEqual(['radiotherapy', 'procedure', 'line']);
    expect(t.events[0]).toMatchObject({ label: 'Long-course (chemo)radiotherapy', detail: 'pelvic · 50.4 Gy in 28 fractions' });
    expect(t.events[1]).toMatchObject({ label: 'Resection of the primary', status: 'done' });
    expect(t.events[2]!.label).toBe('Line 1: FOLFOX + bevacizumab');
    expect(t.events[2]!.detail).toMatch(/^12 cycles · last given \d{4}-\d{2}-\d{2} · stopped$/);
    expect(t.lastBevacizumab).toMatchObject({ basis: 'administration record', date: facts.lastBevacizumab!.date.slice(0, 10) });
  });

  test('an untreated patient has an empty timeline and no bevacizumab', () => {
    const t = buildTimeline(vignette('V01').facts, NOW);
    expect(t.events).toEqual([]);
    expect(t.lastBevacizumab).toBeUndefined();
  });

  test('line labels name the backbone and the added drugs', () => {
    expect(lineLabel({ regimen: 'FOLFIRI', drugs: ['irinotecan', 'leucovorin', 'fluorouracil', 'panitumumab'] })).toBe('FOLFIRI + panitumumab');
    expect(lineLabel({ regimen: 'other', drugs: ['trifluridine-tipiracil', 'bevacizumab'] })).toBe('trifluridine/tipiracil + bevacizumab');
  });
});

describe('card markdown subset', () => {
  test('paragraphs, bullet lists and bold; unpaired ** stays literal', () => {
    expect(parseMarkdown('Add **bevacizumab** now.\n- one\n- **two**\n\nEnd 2**3')).toEqual([
      { kind: 'p', inlines: [{ bold: false, text: 'Add ' }, { bold: true, text: 'bevacizumab' }, { bold: false, text: ' now.' }] },
      { kind: 'ul', items: [[{ bold: false, text: 'one' }], [{ bold: true, text: 'two' }]] },
      { kind: 'p', inlines: [{ bold: false, text: 'End 2**3' }] },
    ]);
  });

  test('a plan card detail splits at its "### title (rule id)" headings; a plain detail is one section', () => {
    const plan = '### Start first-line systemic therapy (RC-02)\n\nStart now.\n\n### Biomarker testing (RC-04)\n\n**Order KRAS**\n\n- why';
    expect(splitSections(plan)).toEqual([
      { heading: 'Start first-line systemic therapy (RC-02)', ruleId: 'RC-02', body: 'Start now.' },
      { heading: 'Biomarker testing (RC-04)', ruleId: 'RC-04', body: '**Order KRAS**\n\n- why' },
    ]);
    expect(splitSections('Just text.\n- one')).toEqual([{ heading: '', ruleId: undefined, body: 'Just text.\n- one' }]);
    expect(splitSections('### Ext rule (RC-E11)\nx')[0]?.ruleId).toBe('RC-E11');
  });
});
