import type { HookResult, IssuedCard } from '../hooks/hook-deps.js';
import type { LedgerEntry } from '../store/learning-store.js';
import type { Pseudonyms } from './pseudonyms.js';

export interface AnswerContext {
  service: string;
  hook: string;
  client: string;
  ruleSetVersion: string;
  issuedAtMs: number;
}

/** Caller-sent text is clipped before it is stored; our own ids and labels are far shorter. */
const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * The ledger rows of one hook answer: every card answered and every card a shadow rule would have shown, with
 * the rules each carries (lead first), their indicators and facts digests, and the suggestions offered.
 * Patient and user ids become keyed pseudonyms here, before anything is stored. No card text, no FHIR data.
 */
export function ledgerEntries(result: HookResult, ctx: AnswerContext, names: Pseudonyms): LedgerEntry[] {
  const call = result.call;
  if (!call) return [];
  const patientKey = names.patient(ctx.client, call.patientId);
  const userKey = call.userId !== undefined ? names.user(ctx.client, call.userId) : null;
  const entry = (card: IssuedCard, shadow: boolean): LedgerEntry => ({
    cardUuid: card.uuid,
    hookInstance: clip(call.hookInstance, 128),
    service: ctx.service,
    hook: ctx.hook,
    ruleSetVersion: ctx.ruleSetVersion,
    client: clip(ctx.client, 512),
    patientKey,
    userKey,
    issuedAtMs: ctx.issuedAtMs,
    shadow,
    rules: card.rules.map((r) => ({ ruleId: r.ruleId, indicator: r.indicator, factsDigest: r.factsDigest })),
    suggestions: card.suggestions.map((s) => ({ uuid: s.uuid, label: clip(s.label, 300) })),
  });
  return [...result.issued.map((c) => entry(c, false)), ...(result.shadow ?? []).map((c) => entry(c, true))];
}
