import type { ScenarioExpectation } from '../../src/fixtures/scenario.js';
import { cardIds } from './prefetch.js';

interface WireCard {
  indicator: string;
  source: { topic: { code: string } };
}

/** A vignette's expectation against the cards of one real HTTP call: expected present, forbidden absent, indicators. */
export function expectCardsMatch(cards: WireCard[], e: Pick<ScenarioExpectation, 'expected' | 'forbidden' | 'indicators'>): void {
  const ids = cardIds({ cards });
  if (e.forbidden.includes('*')) expect(ids).toEqual([]);
  expect(ids).toEqual(expect.arrayContaining(e.expected));
  for (const f of e.forbidden) expect(ids).not.toContain(f);
  for (const [rule, indicator] of Object.entries(e.indicators ?? {})) {
    expect([rule, cards.find((c) => c.source.topic.code === rule)?.indicator]).toEqual([rule, indicator]);
  }
}
