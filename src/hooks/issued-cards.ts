import { createHash } from 'node:crypto';
import type { BasedOn, Recommendation } from '../engine/types.js';
import type { Card } from './cds-types.js';
import type { IssuedCard } from './hook-deps.js';

/** Elapsed time ("40 days", "12 days ago") grows every day on the same data: it is not new data. */
const ELAPSED = /\b\d+ (?:days?|weeks?|months?)\b/g;

function basedOnKey(b: BasedOn): string {
  return [b.label, b.value.replace(ELAPSED, '#'), b.date ?? '', b.source ? `${b.source.resourceType}/${b.source.id}` : ''].join('\u001f');
}

/** A digest of what a recommendation fired on: the same data gives the same digest, new data a new one. */
export function factsDigest(rec: Pick<Recommendation, 'basedOn'>): string {
  const keys = rec.basedOn.map(basedOnKey).sort();
  return createHash('sha256').update(keys.join('\u001e')).digest('base64url').slice(0, 22);
}

/** The ledger's view of the cards answered: each card with the recommendations it carries (lead first). */
export function issuedCards(cards: readonly { card: Card; recs: readonly Recommendation[] }[]): IssuedCard[] {
  return cards.map(({ card, recs }) => ({
    uuid: card.uuid ?? '',
    rules: recs.map((r) => ({ ruleId: r.ruleId, indicator: r.indicator, factsDigest: factsDigest(r) })),
    suggestions: (card.suggestions ?? []).map((s) => ({ uuid: s.uuid ?? '', label: s.label })),
  }));
}
