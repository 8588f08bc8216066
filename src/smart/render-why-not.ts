/// <reference lib="dom" />
import type { RuleExplanation } from '../engine/explain.js';
import { h } from './dom.js';

const STATUS_LABEL: Record<RuleExplanation['status'], string> = {
  fired: 'Card shown',
  suppressed: 'Outranked',
  silent: 'No card',
  'not-run': 'Not run',
};

function ruleNode(e: RuleExplanation, rulesBase: URL): HTMLElement {
  return h(
    'details',
    { class: `why why--${e.status}`, 'data-rule-id': e.ruleId, 'data-status': e.status },
    h(
      'summary',
      {},
      h('span', { class: `badge badge--${e.status}` }, STATUS_LABEL[e.status]),
      ` ${e.ruleId} ${e.title}`,
    ),
    h('p', {}, e.reason[0]?.toUpperCase() + e.reason.slice(1), '.'),
    e.facts && e.facts.length > 0
      ? h(
          'ul',
          { class: 'why-facts' },
          e.facts.map((fact) => h('li', {}, h('code', {}, fact.fact), ': ', fact.reads.join('; '))),
        )
      : null,
    h('p', {}, h('a', { href: new URL(e.ruleId, rulesBase).href, target: '_blank', rel: 'noopener' }, `rule ${e.ruleId}: trigger and sources`)),
  );
}

/**
 * "Why not?": every chart-review rule with its verdict for this patient. The rules that stayed silent name
 * the first condition that did not hold and how the facts it read look in this record.
 */
export function renderWhyNot(explanations: readonly RuleExplanation[], rulesBase: URL): HTMLElement {
  const shown = explanations.filter((e) => e.reason !== 'not run: other hook');
  const quiet = shown.filter((e) => e.status !== 'fired').length;
  return h(
    'section',
    { class: 'panel panel--wide', 'aria-labelledby': 'why-h', id: 'why-not' },
    h('h2', { id: 'why-h' }, `Why not? Every rule and its verdict (${quiet} without a card)`),
    h('div', { class: 'why-list' }, shown.map((e) => ruleNode(e, rulesBase))),
  );
}
