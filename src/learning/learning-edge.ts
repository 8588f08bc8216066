import type { Logger } from 'pino';
import { CdsError } from '../errors.js';
import type { HookResult } from '../hooks/hook-deps.js';
import type { FeedbackReceipt, LearningStore } from '../store/learning-store.js';
import { parseFeedbackBody } from './feedback-body.js';
import { feedbackEntries } from './feedback-entries.js';
import { ledgerEntries } from './ledger-entries.js';
import type { Pseudonyms } from './pseudonyms.js';

/** At most this many reasons in a 400 answer; the rest are counted. */
const MAX_REPORTED = 50;

export interface FeedbackResult {
  received: number;
  invalid: number;
  /** Absent when the ledger is off (feedback is validated and logged only). */
  receipt?: FeedbackReceipt;
}

/**
 * The learning loop at the HTTP edge: the card ledger is written, durably, before a hook answer leaves; valid
 * feedback is stored, durably, before it is acknowledged. Without a store (`LEDGER=off`) nothing is written.
 */
export class LearningEdge {
  constructor(
    private readonly store: LearningStore | undefined,
    private readonly names: Pseudonyms | undefined,
    private readonly ruleSetVersion: string,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  /** Record the cards of one answer; a store failure is a 503 (an answered card is never missing from the ledger). */
  async recordAnswer(result: HookResult, ctx: { service: string; hook: string; client: string }): Promise<void> {
    if (!this.store || !this.names) return;
    const entries = ledgerEntries(result, { ...ctx, ruleSetVersion: this.ruleSetVersion, issuedAtMs: this.now().getTime() }, this.names);
    if (entries.length === 0) return;
    try {
      await this.store.recordCards(entries);
    } catch (err) {
      this.logger.error({ err }, 'card ledger: write failed; the answer is withheld');
      throw new CdsError('unavailable', 'The card ledger cannot be written just now; retry shortly');
    }
  }

  /**
   * Validate and store a feedback body. Valid items are stored even when others beside them are invalid; the
   * answer is then a 400 naming each invalid item (a repeat of the whole body is safe: stored items are
   * recognised and not stored twice). A body that is not feedback at all, or too large, stores nothing.
   */
  async recordFeedback(body: unknown, ctx: { service: string; client: string }): Promise<FeedbackResult> {
    const parsed = parseFeedbackBody(body);
    if (!parsed.ok) throw new CdsError('bad-request', `Invalid CDS Hooks feedback: ${parsed.reason}; nothing was stored`);
    const { items, invalid } = parsed;
    let receipt: FeedbackReceipt | undefined;
    if (this.store && items.length > 0) {
      try {
        receipt = await this.store.recordFeedback(feedbackEntries(items, { ...ctx, receivedAtMs: this.now().getTime() }));
      } catch (err) {
        this.logger.error({ err }, 'feedback: write failed');
        throw new CdsError('unavailable', 'Feedback cannot be stored just now; nothing was stored; retry shortly');
      }
    }
    const invalidItems = new Set(invalid.map((line) => line.slice(0, line.indexOf(']') + 1))).size;
    if (invalid.length > 0) {
      const kept = this.store ? `${items.length} valid item(s) stored` : `${items.length} valid item(s) accepted`;
      const shown = invalid.slice(0, MAX_REPORTED);
      const more = invalid.length > shown.length ? [`... and ${invalid.length - shown.length} more reasons`] : [];
      throw new CdsError('bad-request', `Invalid CDS Hooks feedback: ${invalidItems} invalid item(s) not stored; ${kept}`, [...shown, ...more]);
    }
    return { received: items.length, invalid: invalidItems, ...(receipt ? { receipt } : {}) };
  }
}
