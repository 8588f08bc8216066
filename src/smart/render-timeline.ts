/// <reference lib="dom" />
import { h } from './dom.js';
import type { RecordNamer } from './record-names.js';
import { sourceNode } from './source-node.js';
import type { Timeline } from './timeline-model.js';

const KIND_LABEL = { line: 'Systemic', radiotherapy: 'Radiotherapy', procedure: 'Procedure' } as const;

/** Treatment timeline: one entry per line, radiotherapy course and procedure, oldest first. */
export function renderTimeline(t: Timeline, name: RecordNamer): HTMLElement {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'timeline-h', id: 'timeline' }, h('h2', { id: 'timeline-h' }, 'Treatment'));
  section.append(
    t.lastBevacizumab
      ? h(
          'p',
          { class: 'callout', 'data-field': 'last-bevacizumab' },
          h('strong', {}, 'Last bevacizumab: '),
          h('time', { datetime: t.lastBevacizumab.date }, t.lastBevacizumab.date),
          ` (${t.lastBevacizumab.ago}) · ${t.lastBevacizumab.basis} `,
          sourceNode(t.lastBevacizumab.source, name),
        )
      : h('p', { class: 'callout callout--quiet', 'data-field': 'last-bevacizumab' }, 'No bevacizumab on file.'),
  );
  if (t.events.length === 0) {
    section.append(h('p', { class: 'empty' }, 'No systemic therapy, radiotherapy or surgery on file.'));
    return section;
  }
  section.append(
    h(
      'ol',
      { class: 'timeline' },
      t.events.map((e) =>
        h(
          'li',
          { class: `event event--${e.kind} event--${e.status}`, 'data-kind': e.kind },
          h('span', { class: 'event-date' }, e.date ? h('time', { datetime: e.date }, e.date) : 'undated'),
          h(
            'span',
            { class: 'event-body' },
            h('span', { class: 'visually-hidden' }, `${KIND_LABEL[e.kind]}: `),
            h('strong', { class: 'event-label' }, e.label),
            e.kind === 'line' && e.status === 'active' ? h('span', { class: 'event-ongoing' }, ' (ongoing)') : null,
            e.detail ? h('span', { class: 'event-detail' }, ` · ${e.detail}`) : null,
            e.source ? sourceNode(e.source, name) : null,
          ),
        ),
      ),
    ),
  );
  return section;
}
