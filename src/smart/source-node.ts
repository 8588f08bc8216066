/// <reference lib="dom" />
import { h } from './dom.js';
import type { RecordNamer } from './record-names.js';

/** The record a value came from, by the name a clinician knows it by; its id one hover away and in the data. */
export function sourceNode(ref: string, name: RecordNamer): HTMLElement {
  return h('span', { class: 'source', title: ref, 'data-source': ref }, name(ref));
}
