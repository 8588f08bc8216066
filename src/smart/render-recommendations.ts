/// <reference lib="dom" />
import type { Recommendation } from '../engine/types.js';
import { SEEDS } from '../engine/sources.js';
import { h } from './dom.js';
import { day, ref } from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { RecordNamer } from './record-names.js';
import { sourceNode } from './source-node.js';

const INDICATOR_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;

function evidenceText(rec: Recommendation): string {
  const sources = rec.evidence.seeds.map((s) => `${SEEDS[s] ?? 'source'} [${s}]`);
  if (rec.evidence.citation) sources.push(rec.evidence.citation);
  const level = rec.evidence.level ? `Level ${rec.evidence.level}` : 'No graded level';
  return `${level} · ${sources.join('; ') || 'no source listed'}${rec.origin === 'ext' ? ' · current standard of care beyond the seed guideline' : ''}`;
}

function recNode(rec: Recommendation, rulesBase: URL, fromCard: string | undefined, name: RecordNamer): HTMLElement {
  const highlighted = fromCard === rec.ruleId;
  return h(
    'article',
    {
      class: `rec rec--${rec.indicator}${highlighted ? ' rec--from-card' : ''}`,
      'data-rule-id': rec.ruleId,
      'data-indicator': rec.indicator,
      'aria-labelledby': `rec-${rec.ruleId}`,
    },
    h(
      'header',
      { class: 'rec-head' },
      h('span', { class: `badge badge--${rec.indicator}` }, INDICATOR_LABEL[rec.indicator]),
      highlighted ? h('span', { class: 'badge badge--card' }, 'Opened from this card') : null,
      h('h3', { id: `rec-${rec.ruleId}` }, rec.summary),
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
}

/**
 * The active recommendations, most severe first (as the engine orders them), each with its evidence and
 * sources. `fromCard` is the rule of the card the clinician came from (SMART `appContext`), highlighted.
 */
export function renderRecommendations(
  recs: readonly Recommendation[],
  rulesBase: URL,
  fromCard: string | undefined,
  emptyText: string,
  name: RecordNamer,
): HTMLElement {
  return h(
    'section',
    { class: 'panel panel--wide', 'aria-labelledby': 'recs-h', id: 'recs', tabindex: -1 },
    h('h2', { id: 'recs-h' }, `Recommendations${recs.length > 0 ? ` (${recs.length})` : ''}`),
    recs.length > 0 ? h('div', { class: 'recs' }, recs.map((r) => recNode(r, rulesBase, fromCard, name))) : h('p', { class: 'empty' }, emptyText),
  );
}
