/// <reference lib="dom" />
import type { Card, Link } from '../../hooks/cds-types.js';
import { h } from '../../smart/dom.js';
import { renderMarkdown, splitSections } from '../../smart/markdown.js';

/**
 * CDS cards drawn the way an EHR shows them: indicator colour and label, summary, detail on demand, source,
 * suggestions as buttons, links (a SMART link launches the app), and dismissal with an override reason.
 * What the buttons do is the caller's (the page wires them to the real endpoints).
 */
export interface CardHandlers {
  onSuggestion(card: Card, suggestionIndex: number): void;
  onSmartLink(card: Card, link: Link): void;
  onDismiss(card: Card, reasonCode: string | undefined): void;
}

const INDICATOR_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;

/** The rules a card carries (`extension["org.rectal-cds.rules"]`, lead first), else its topic. */
function rulesOf(card: Card): string[] {
  const listed = card.extension?.['org.rectal-cds.rules'];
  if (Array.isArray(listed) && listed.every((x) => typeof x === 'string')) return listed as string[];
  return card.source.topic?.code ? [card.source.topic.code] : [];
}

function linkNode(card: Card, link: Link, handlers: CardHandlers): HTMLElement {
  if (link.type === 'smart') {
    const button = h('button', { type: 'button', class: 'btn btn--smart', 'data-link-type': 'smart' }, link.label);
    button.addEventListener('click', () => handlers.onSmartLink(card, link));
    return button;
  }
  return h('a', { href: link.url, target: '_blank', rel: 'noopener', class: 'btn btn--link', 'data-link-type': 'absolute' }, link.label);
}

function dismissNode(card: Card, handlers: CardHandlers): HTMLElement {
  const id = `dismiss-${card.uuid ?? Math.random().toString(36).slice(2)}`;
  const reasons = card.overrideReasons ?? [];
  const select =
    reasons.length > 0
      ? h(
          'select',
          { id, class: 'override' },
          h('option', { value: '' }, 'Reason for not following…'),
          reasons.map((r) => h('option', { value: r.code }, r.display ?? r.code)),
        )
      : null;
  const button = h('button', { type: 'button', class: 'btn btn--quiet' }, 'Dismiss');
  button.addEventListener('click', () => handlers.onDismiss(card, select?.value || undefined));
  return h('div', { class: 'card-dismiss' }, select ? h('label', { for: id, class: 'visually-hidden' }, 'Override reason') : null, select, button);
}

/**
 * The detail on demand. A card that carries several rules (the plan card) shows one collapsible section per
 * rule, the lead open; a single-rule card one "Details" toggle.
 */
function detailNode(detail: string): HTMLElement {
  const sections = splitSections(detail);
  if (sections.length < 2) return h('details', { class: 'card-detail' }, h('summary', {}, 'Details'), renderMarkdown(detail));
  return h(
    'div',
    { class: 'card-sections' },
    sections.map((sec, i) => {
      const node = h('details', { class: 'card-section', 'data-rule-id': sec.ruleId }, h('summary', {}, sec.heading || 'Details'), renderMarkdown(sec.body));
      if (i === 0) node.setAttribute('open', '');
      return node;
    }),
  );
}

export function renderCard(card: Card, handlers: CardHandlers): HTMLElement {
  const suggestions = (card.suggestions ?? []).map((s, i) => {
    const b = h('button', { type: 'button', class: `btn${s.isRecommended ? ' btn--primary' : ''}`, 'data-suggestion': i }, s.label);
    b.addEventListener('click', () => handlers.onSuggestion(card, i));
    return b;
  });
  const links = (card.links ?? []).map((l) => linkNode(card, l, handlers));
  return h(
    'article',
    {
      class: `card card--${card.indicator}`,
      'data-rule-id': card.source.topic?.code,
      'data-rules': rulesOf(card).join(' '),
      'data-indicator': card.indicator,
      'data-uuid': card.uuid,
    },
    h('div', { class: 'card-head' }, h('span', { class: `badge badge--${card.indicator}` }, INDICATOR_LABEL[card.indicator]), h('h3', {}, card.summary)),
    card.detail ? detailNode(card.detail) : null,
    h(
      'div',
      { class: 'card-actions' },
      h(
        'p',
        { class: 'card-source' },
        'Source: ',
        card.source.label,
        ' · ',
        // The rule page (`source.url`) says when the rule fires, what it rests on, its evidence and thresholds.
        card.source.url
          ? h('a', { href: card.source.url, target: '_blank', rel: 'noopener', class: 'rule-link', title: card.source.topic?.display }, `rule ${card.source.topic?.code ?? ''}`.trim())
          : card.source.topic?.code,
      ),
      suggestions,
      links,
      dismissNode(card, handlers),
    ),
    h('p', { class: 'card-status', role: 'status' }),
  );
}

export function renderCardList(cards: readonly Card[], handlers: CardHandlers, emptyText: string): HTMLElement {
  return cards.length > 0
    ? h('div', { class: 'cards' }, cards.map((c) => renderCard(c, handlers)))
    : h('p', { class: 'empty' }, emptyText);
}
