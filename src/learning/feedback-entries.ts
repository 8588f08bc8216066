import { createHash } from 'node:crypto';
import type { FeedbackEntry } from '../store/learning-store.js';
import type { FeedbackItem } from './feedback-body.js';

/**
 * The stored form of valid feedback items. The key is a digest of everything the item says (and who sent it
 * to which service): the same item sent again, e.g. a retry after a timeout, is the same row, not a second one.
 */
export function feedbackEntries(items: readonly FeedbackItem[], ctx: { service: string; client: string; receivedAtMs: number }): FeedbackEntry[] {
  return items.map((f) => ({
    feedbackKey: createHash('sha256')
      .update(
        [ctx.service, ctx.client, f.card, f.outcome, String(f.outcomeAtMs), [...f.acceptedSuggestions].sort().join(' '), f.reason ? `${f.reason.system}|${f.reason.code}` : '', f.commented ? '1' : '0'].join('\u0000'),
      )
      .digest('base64url'),
    service: ctx.service,
    client: ctx.client.slice(0, 512),
    cardUuid: f.card,
    outcome: f.outcome,
    acceptedSuggestions: f.acceptedSuggestions,
    reason: f.reason,
    commented: f.commented,
    outcomeAtMs: f.outcomeAtMs,
    receivedAtMs: ctx.receivedAtMs,
  }));
}
