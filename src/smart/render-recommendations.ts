/// <reference lib="dom" />
import type { ComposedCard } from '../engine/compose.js';
import { clinicianSources } from '../engine/sources.js';
import type { Recommendation } from '../engine/types.js';
import { h } from './dom.js';
import { day, ref } from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { RecordNamer } from './record-names.js';
import { sourceNode } from './source-node.js';

const INDICATOR_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;

/** The Evidence line as the card gives it: the level, then the sources a clinician knows. */
function evidenceText(rec: Recommendation): string {
  const level = rec.evidence.level ? `Level ${rec.evidence.level}` : 'No graded level';
  const sources = clinicianSources(rec.evidence);
  return `${level} · ${sources.join('; ') || 'no source listed'}${rec.origin === 'ext' ? ' · current standard of care beyond the seed guideline' : ''}`;
}

/** One rule of a card: a collapsible section (the lead, or the rule the clinician came from, open). */
function recSection(rec: Recommendation, open: boolean, fromCard: string | undefined, rulesBase: URL, name: RecordNamer): HTMLElement {
  const highlighted = fromCard === rec.ruleId;
  const section = h(
    'details',
    {
      class: `rec rec--${rec.indicator}${highlighted ? ' rec--from-card' : ''}`,
      id: `rec-${rec.ruleId}`,
      'data-rule-id': rec.ruleId,
      'data-indicator': rec.indicator,
    },
    h(
      'summary',
      { class: 'rec-head' },
      highlighted ? h('span', { class: 'badge badge--card' }, 'Opened from this card') : null,
      h('span', { class: 'rec-title' }, `${rec.title} (${rec.ruleId})`),
      h('span', { class: 'rec-summary' }, rec.summary),
    ),
    renderMarkdown(rec.detail),
    rec.suggestions.length > 0
      ? h('p', { class: 'rec-suggest' }, h('strong', {}, 'Suggested in the card: '), rec.suggestions.map((s) => s.label).join('; '))
      : null,
    rec.basedOn.length > 0
      ? h(
          'div',
          { class: 'rec-basis' },
          h('h4', {}, 'Based on'),
          h(
            'ul',
            {},
            rec.basedOn.map((b) =>
              h('li', {}, `${b.label}: ${b.value}`, b.date ? `, ${day(b.date) ?? b.date}` : '', b.source ? sourceNode(ref(b.source), name) : null),
            ),
          ),
        )
      : null,
    h(
      'p',
      { class: 'rec-evidence' },
      h('strong', {}, 'Evidence: '),
      evidenceText(rec),
      ' · ',
      h('a', { href: new URL(rec.ruleId, rulesBase).href, target: '_blank', rel: 'noopener' }, `rule ${rec.ruleId}: ${rec.title}`),
    ),
  );
  if (open || highlighted) section.setAttribute('open', '');
  return section;
}

/** One card as the EHR shows it: its indicator and lead summary, then one section per rule it carries. */
function cardNode(card: ComposedCard, index: number, fromCard: string | undefined, rulesBase: URL, name: RecordNamer): HTMLElement | null {
  const [lead] = card.recs;
  if (!lead) return null;
  const id = `card-${index}`;
  return h(
    'article',
    {
      class: `rec-card rec-card--${card.indicator}`,
      'data-rule-id': lead.ruleId,
      'data-rules': card.recs.map((r) => r.ruleId).join(' '),
      'data-indicator': card.indicator,
      'aria-labelledby': id,
    },
    h(
      'header',
      { class: 'rec-card-head' },
      h('span', { class: `badge badge--${card.indicator}` }, INDICATOR_LABEL[card.indicator]),
      h('h3', { id }, lead.summary),
      card.recs.length > 1 ? h('span', { class: 'rec-count' }, `${card.recs.length} rules`) : null,
    ),
    card.recs.map((r, i) => recSection(r, i === 0, fromCard, rulesBase, name)),
  );
}

/**
 * The cards the EHR gets, composed the same way (alerts first, then the one plan card), each rule a section
 * with its evidence and sources: the lead open, the rest collapsed. `fromCard` is the rule of the card the
 * clinician came from (SMART `appContext`): its section is open and highlighted.
 */
export function renderRecommendations(
  cards: readonly ComposedCard[],
  rulesBase: URL,
  fromCard: string | undefined,
  emptyText: string,
  name: RecordNamer,
): HTMLElement {
  const count = cards.reduce((n, c) => n + c.recs.length, 0);
  return h(
    'section',
    { class: 'panel panel--wide', 'aria-labelledby': 'recs-h', id: 'recs', tabindex: -1 },
    h('h2', { id: 'recs-h' }, `Recommendations${count > 0 ? ` (${count})` : ''}`),
    cards.length > 0 ? h('div', { class: 'recs' }, cards.map((c, i) => cardNode(c, i, fromCard, rulesBase, name))) : h('p', { class: 'empty' }, emptyText),
  );
}
