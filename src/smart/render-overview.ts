/// <reference lib="dom" />
import { h } from './dom.js';
import type { Overview, Row } from './overview-model.js';
import type { RecordNamer } from './record-names.js';

/** Patient banner and the "case at a glance" panel. */

export function renderBanner(o: Overview, patientId: string): HTMLElement {
  return h(
    'div',
    { class: 'banner-inner' },
    h('h1', { class: 'patient-name', 'data-testid': 'patient-name' }, o.patient.name),
    h(
      'p',
      { class: 'patient-meta' },
      o.patient.summary,
      o.patient.birthDate ? ` · born ${o.patient.birthDate}` : '',
      ` · ${patientId}`,
      o.patient.deceased ? h('strong', { class: 'deceased' }, ' · deceased') : null,
    ),
  );
}

function rowNode(r: Row, name: RecordNamer): HTMLElement {
  return h(
    'div',
    { class: `fact${r.empty ? ' fact--empty' : ''}`, 'data-field': r.key },
    h('dt', {}, r.label),
    h(
      'dd',
      {},
      h('span', { class: 'fact-value' }, r.value),
      // The record behind each value stays one hover away (its id); screen readers hear its name.
      r.date ? h('span', { class: 'fact-date' }, ' · ', h('time', { datetime: r.date, title: r.source }, r.date)) : null,
      r.source ? h('span', { class: 'visually-hidden', 'data-source': r.source }, ` (from ${name(r.source)})`) : null,
    ),
  );
}

export function renderOverview(o: Overview, name: RecordNamer): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'overview-h', id: 'overview' },
    h('h2', { id: 'overview-h' }, 'Disease'),
    o.scopeNotice ? h('p', { class: 'notice', role: 'note' }, o.scopeNotice) : null,
    h('dl', { class: 'facts' }, o.rows.map((r) => rowNode(r, name))),
  );
}
