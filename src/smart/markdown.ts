/// <reference lib="dom" />
import { h } from './dom.js';

/**
 * The small markdown subset card details and rule texts use: paragraphs (one per line), `- ` bullet lists,
 * `**bold**`. Anything else stays literal text. Parsing is pure; rendering builds text nodes only.
 */
export type Inline = { bold: boolean; text: string };
export type Block = { kind: 'p'; inlines: Inline[] } | { kind: 'ul'; items: Inline[][] };

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  const parts = line.split('**');
  // An odd number of parts means every ** is paired; otherwise keep the text as it is.
  if (parts.length % 2 === 0) return [{ bold: false, text: line }];
  parts.forEach((text, i) => {
    if (text !== '') out.push({ bold: i % 2 === 1, text });
  });
  return out;
}

export function parseMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of md.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const bullet = /^[-*] (.*)$/.exec(line);
    if (bullet) {
      const last = blocks[blocks.length - 1];
      const item = parseInline(bullet[1] ?? '');
      if (last?.kind === 'ul') last.items.push(item);
      else blocks.push({ kind: 'ul', items: [item] });
    } else {
      blocks.push({ kind: 'p', inlines: parseInline(line) });
    }
  }
  return blocks;
}

function inlineNodes(inlines: readonly Inline[]): Node[] {
  return inlines.map((i) => (i.bold ? h('strong', {}, i.text) : document.createTextNode(i.text)));
}

export function renderMarkdown(md: string): HTMLElement {
  return h(
    'div',
    { class: 'md' },
    parseMarkdown(md).map((b) =>
      b.kind === 'p' ? h('p', {}, inlineNodes(b.inlines)) : h('ul', {}, b.items.map((item) => h('li', {}, inlineNodes(item)))),
    ),
  );
}

/** One section of a card that carries several rules: its `### <title> (<rule id>)` heading and its text. */
export interface Section {
  heading: string;
  ruleId: string | undefined;
  body: string;
}

/**
 * A card detail cut at its `### ` headings (the plan card: one section per rule). Text before the first
 * heading, or a detail without headings, is one section with an empty heading.
 */
export function splitSections(md: string): Section[] {
  const sections: Section[] = [];
  for (const part of md.split(/^(?=### )/m)) {
    const [first = '', ...rest] = part.split('\n');
    const heading = /^### (.*)$/.exec(first)?.[1]?.trim();
    if (heading === undefined) {
      if (part.trim() !== '') sections.push({ heading: '', ruleId: undefined, body: part.trim() });
      continue;
    }
    sections.push({ heading, ruleId: /\(([A-Z]{2}-[A-Z0-9]+)\)$/.exec(heading)?.[1], body: rest.join('\n').trim() });
  }
  return sections;
}
