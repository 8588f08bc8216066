import { z } from 'zod';
import type { FeedbackOutcome } from '../store/learning-store.js';

/**
 * CDS Hooks 2.0 feedback, validated item by item: one bad item never sinks the good ones beside it.
 * @see https://cds-hooks.hl7.org/2.0/#feedback
 * @see https://build.fhir.org/ig/HL7/cds-hooks/en/StructureDefinition-CDSHooksFeedback.html (3.0 ballot: cds-fb-1..3)
 */

/** More items than any EHR sends for one user action; a larger body is refused whole (split it). */
export const MAX_FEEDBACK_ITEMS = 1000;
/** The body limit of the feedback route: 1,000 items with comments fit well within it. */
export const FEEDBACK_BODY_LIMIT = '2mb';

/** Card and suggestion ids: uuids as the cards carry them; `urn:uuid:` is accepted and dropped (3.0 ballot). */
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const id = z
  .string()
  .transform((s) => s.replace(/^urn:uuid:/, ''))
  .pipe(z.string().regex(ID, 'must be the uuid the card carried (letters, digits, - . _ :, at most 128)'));

/** RFC 3339 date-time with a zone (`2021-12-11T10:05:31Z`, `...+01:00`), fractions allowed. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const timestamp = z
  .string()
  .regex(TIMESTAMP, 'must be an ISO 8601 date-time with a time zone, e.g. 2021-12-11T10:05:31Z')
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid date-time' });
      return z.NEVER;
    }
    return ms;
  });

const Coding = z
  .object({
    system: z.string().min(1).max(256),
    code: z.string().min(1).max(128),
    display: z.string().max(1000).optional(),
  })
  .loose();

const OverrideReason = z
  .object({ reason: Coding.optional(), userComment: z.string().max(4000).optional() })
  .loose()
  .refine((o) => o.reason !== undefined || o.userComment !== undefined, 'needs a reason (Coding), a userComment, or both');

const Item = z
  .object({
    card: id,
    outcome: z.enum(['accepted', 'overridden'], 'must be accepted or overridden'),
    acceptedSuggestions: z.array(z.object({ id }).loose()).max(100).optional(),
    overrideReason: OverrideReason.optional(),
    outcomeTimestamp: timestamp,
  })
  .loose()
  .superRefine((f, ctx) => {
    if (f.outcome === 'accepted' && !f.acceptedSuggestions?.length) {
      ctx.addIssue({ code: 'custom', path: ['acceptedSuggestions'], message: 'is required for an accepted outcome (the suggestions the user accepted)' });
    }
    if (f.outcome === 'accepted' && f.overrideReason) ctx.addIssue({ code: 'custom', path: ['overrideReason'], message: 'only with an overridden outcome' });
    if (f.outcome === 'overridden' && f.acceptedSuggestions?.length) ctx.addIssue({ code: 'custom', path: ['acceptedSuggestions'], message: 'only with an accepted outcome' });
  });

/** One valid item, as the rest of the service uses it (no free text: only whether a comment was given). */
export interface FeedbackItem {
  card: string;
  outcome: FeedbackOutcome;
  acceptedSuggestions: string[];
  reason: { system: string; code: string } | null;
  commented: boolean;
  outcomeAtMs: number;
}

export type ParsedFeedback =
  | { ok: true; items: FeedbackItem[]; invalid: string[] }
  /** The body as a whole is not feedback: nothing is stored. */
  | { ok: false; reason: string };

const path = (index: number, p: PropertyKey[]) => [`feedback[${index}]`, ...p.map(String)].join('.');

export function parseFeedbackBody(body: unknown): ParsedFeedback {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'the body must be a JSON object {"feedback": [...]}' };
  const list = (body as { feedback?: unknown }).feedback;
  if (!Array.isArray(list)) return { ok: false, reason: 'feedback: must be an array of feedback items' };
  if (list.length > MAX_FEEDBACK_ITEMS) {
    return { ok: false, reason: `feedback: ${list.length} items; at most ${MAX_FEEDBACK_ITEMS} per request (send them in several requests)` };
  }
  const items: FeedbackItem[] = [];
  const invalid: string[] = [];
  list.forEach((raw, index) => {
    const parsed = Item.safeParse(raw);
    if (!parsed.success) {
      // A bounded report: a few reasons per item are enough to fix it.
      for (const issue of parsed.error.issues.slice(0, 5)) invalid.push(`${path(index, issue.path)}: ${issue.message}`);
      return;
    }
    const f = parsed.data;
    items.push({
      card: f.card,
      outcome: f.outcome,
      acceptedSuggestions: (f.acceptedSuggestions ?? []).map((s) => s.id),
      reason: f.overrideReason?.reason ? { system: f.overrideReason.reason.system, code: f.overrideReason.reason.code } : null,
      commented: (f.overrideReason?.userComment ?? '').trim().length > 0,
      outcomeAtMs: f.outcomeTimestamp,
    });
  });
  return { ok: true, items, invalid };
}
