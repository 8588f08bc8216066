/// <reference lib="dom" />
import { h } from './dom.js';
import type { BiomarkerRow } from './biomarker-model.js';
import { sourceNode } from './source-node.js';
import type { RecordNamer } from './record-names.js';

/** The biomarker panel as a table: status, variant, date, the result used (by test name) and any conflict. */
export function renderBiomarkers(rows: readonly BiomarkerRow[], name: RecordNamer): HTMLElement {
  const body = rows.map((r) =>
    h(
      'tr',
      { 'data-marker': r.marker, 'data-kind': r.kind, class: r.conflict ? 'conflict' : undefined },
      h('th', { scope: 'row' }, r.marker),
      h('td', { 'data-col': 'status' }, h('span', { class: `status status--${r.kind}` }, r.status)),
      h('td', { 'data-col': 'variant', class: r.variant ? undefined : 'na' }, r.variant ?? '—'),
      h('td', { 'data-col': 'date', class: r.date ? undefined : 'na' }, r.date ? h('time', { datetime: r.date }, r.date) : '—'),
      h(
        'td',
        { 'data-col': 'used' },
        r.used ? sourceNode(r.used, name) : null,
        r.notes.length > 0 ? h('ul', { class: 'notes' }, r.notes.map((n) => h('li', {}, n.text, n.source ? sourceNode(n.source, name) : null))) : null,
      ),
    ),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'biomarkers-h', id: 'biomarkers' },
    h('h2', { id: 'biomarkers-h' }, 'Biomarkers'),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'biomarkers' },
        h('caption', { class: 'visually-hidden' }, 'Tumour biomarkers: status, variant, date and the result used'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Marker'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Variant'), h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Result used')),
        ),
        h('tbody', {}, body),
      ),
    ),
  );
}
