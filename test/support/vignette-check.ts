import type { ScenarioExpectation } from '../../src/fixtures/scenario.js';
import { cardIds, rulesOf } from './prefetch.js';

interface WireCard {
  indicator: string;
  source: { topic: { code: string } };
  extension?: Record<string, unknown>;
}

/** A vignette's expectation against the cards of one real HTTP call: expected present, forbidden absent, indicators. */
export function expectCardsMatch(
  cards: WireCard[],
  e: Pick<ScenarioExpectation, 'expected' | 'forbidden' | 'indicators' | 'leadsPlan' | 'maxCards'>,
): void {
  const ids = cardIds({ cards });
  if (e.forbidden.includes('*')) expect(ids).toEqual([]);
  expect(ids).toEqual(expect.arrayContaining(e.expected));
  for (const f of e.forbidden) expect(ids).not.toContain(f);
  // An expected indicator is the indicator of the card the rule leads; a rule folded into another card is
  // returned at least as info (vignettes.md).
  for (const [rule, indicator] of Object.entries(e.indicators ?? {})) {
    const led = cards.find((c) => rulesOf(c)[0] === rule);
    const carried = cards.find((c) => rulesOf(c).includes(rule));
    const shown = led ? led.indicator : carried ? 'info' : undefined;
    expect([rule, shown]).toEqual([rule, indicator]);
  }
  if (e.leadsPlan !== undefined) {
    // The plan card is the one info card of a patient-view answer, and it comes last.
    const plan = cards.filter((c) => c.indicator === 'info');
    expect(plan.map((c) => c.source.topic.code)).toEqual([e.leadsPlan]);
    expect(cards.at(-1)?.source.topic.code).toBe(e.leadsPlan);
  }
  if (e.maxCards !== undefined) expect(cards.length).toBeLessThanOrEqual(e.maxCards);
}
