import { readFromText } from '../domain/case.js';
import type { ComposedCard } from '../engine/compose.js';
import { clinicianSources } from '../engine/sources.js';
import { SUMMARY_MAX_LENGTH, clampSummary } from '../engine/summary.js';
import type { ActionSpec, BasedOn, OverrideReason, Recommendation } from '../engine/types.js';
import type { Card, CdsAction, Coding, Link, Suggestion } from './cds-types.js';
import { drugRequest, rescheduled, shortCourseRtRequest } from './order-actions.js';
import { testServiceRequest } from './test-orders.js';

export interface CardDeps {
  newId: () => string;
  publicBaseUrl: string;
  patientId: string;
  /** Order hooks: the draft orders as the EHR sent them, by `Type/id`, for `update` actions. */
  drafts?: ReadonlyMap<string, Record<string, unknown>>;
}

export const RULE_SYSTEM = 'urn:rectal-cds:rule';
export const OVERRIDE_SYSTEM = 'urn:rectal-cds:override-reason';
export const SUMMARY_MAX = SUMMARY_MAX_LENGTH;

/** The card extension member listing the rules a card carries, lead first (feedback and analytics read it). */
export const RULES_EXTENSION = 'org.rectal-cds.rules';

/** What the EHR shows for each override reason a card offers (analytics label them the same way). */
export const overrideDisplay: Record<OverrideReason, string> = {
  'mdt-decision': 'Tumour board (MDT) decision',
  'clinical-trial': 'Patient on a clinical trial',
  'result-disputed': 'Result disputed or being re-tested',
  'patient-preference': 'Patient preference',
  'already-addressed': 'Already addressed',
};

function basedOnLine(b: BasedOn): string {
  const when = b.date ? `, ${b.date.slice(0, 10)}` : '';
  const src = b.source ? ` (${b.source.resourceType}/${b.source.id})` : '';
  // A local code read by its text is less certain than a standard code: the clinician should know.
  const text = readFromText(b.source) ? ' (read from text)' : '';
  return `- ${b.label}: ${b.value}${text}${when}${src}`;
}

/** The Evidence line, for a clinician: the level, then the sources as clinicians know them. */
function evidenceLine(rec: Recommendation): string {
  const level = rec.evidence.level ? `level ${rec.evidence.level}` : 'no graded level';
  return `**Evidence:** ${[level, ...clinicianSources(rec.evidence)].join(' · ')} — rule ${rec.ruleId}`;
}

/** A recommendation's text with its Based on and Evidence. */
function section(rec: Recommendation): string {
  return [rec.detail, '', '**Based on**', ...rec.basedOn.map(basedOnLine), '', evidenceLine(rec)].join('\n');
}

/** The heading of a section of a card that carries several rules. */
export function sectionHeading(rec: Pick<Recommendation, 'ruleId' | 'title'>): string {
  return `### ${rec.title} (${rec.ruleId})`;
}

function toAction(spec: ActionSpec, deps: CardDeps): CdsAction {
  switch (spec.type) {
    case 'order-test':
      return { type: 'create', description: `Order ${spec.test}: ${spec.reason}`, resource: testServiceRequest(spec.test, deps.patientId, spec.reason) };
    case 'delete-draft':
      return { type: 'delete', description: spec.description, resourceId: [spec.draftId] };
    case 'order-drug':
      return { type: 'create', description: `Order ${spec.drug}: ${spec.reason}`, resource: drugRequest(spec.drug, deps.patientId, spec.reason) };
    case 'order-short-course-rt':
      return { type: 'create', description: `Order short-course radiotherapy 5 x 5 Gy: ${spec.reason}`, resource: shortCourseRtRequest(deps.patientId, spec.reason, spec.curative === true) };
    case 'reschedule-draft': {
      const draft = deps.drafts?.get(spec.draftId);
      // The engine only reschedules drafts of this request, so a miss is a bug, not bad input.
      if (!draft) throw new Error(`reschedule-draft: ${spec.draftId} is not among the draft orders`);
      return { type: 'update', description: spec.description, resource: rescheduled(draft, spec.occurrence) };
    }
  }
}

function suggestionsOf(rec: Recommendation, deps: CardDeps): Suggestion[] {
  return rec.suggestions.map(
    (s): Suggestion => ({
      label: s.label,
      uuid: deps.newId(),
      ...(s.isRecommended !== undefined ? { isRecommended: s.isRecommended } : {}),
      actions: s.actions.map((a) => toAction(a, deps)),
    }),
  );
}

/**
 * A CDS Hooks card for one composed card: the lead recommendation, and those folded into it (the plan card's
 * sections, or advice an alert already gives). One recommendation: its own card. Several: the lead's summary,
 * one section per rule (lead first) with its Based on and evidence, the union of their suggestions. Every card
 * names the rules it carries in `extension["org.rectal-cds.rules"]`, lead first. Optional fields are omitted,
 * never null.
 */
export function toComposedCard(composed: ComposedCard, deps: CardDeps): Card {
  const [lead, ...folded] = composed.recs;
  if (!lead) throw new Error('a composed card without a recommendation');
  // Each folded section opens with its rule's summary: the card's summary is the lead's only.
  const detail =
    folded.length === 0
      ? section(lead)
      : composed.recs.map((r, i) => [sectionHeading(r), ...(i === 0 ? [] : [`**${r.summary}**`]), section(r)].join('\n\n')).join('\n\n');
  const card: Card = {
    uuid: deps.newId(),
    summary: clampSummary(lead.summary),
    detail,
    indicator: composed.indicator,
    source: {
      label: 'Rectal CDS: stage IV rectal cancer guideline',
      url: `${deps.publicBaseUrl}/rules/${lead.ruleId}`,
      topic: { system: RULE_SYSTEM, code: lead.ruleId, display: lead.title },
    },
    extension: { [RULES_EXTENSION]: composed.recs.map((r) => r.ruleId) },
  };
  const suggestions = composed.recs.flatMap((r) => suggestionsOf(r, deps));
  if (suggestions.length > 0) {
    card.suggestions = suggestions;
    // Suggestions of several rules are independent of each other: the clinician may take any of them.
    const from = composed.recs.filter((r) => r.suggestions.length > 0).length;
    card.selectionBehavior = from > 1 ? 'any' : 'at-most-one';
  }
  // Advice cards offer "already addressed" (a snooze, when feedback is on); alerts the reasons their lead names.
  const reasons = composed.indicator === 'info' ? INFO_OVERRIDE_REASONS : lead.overrideReasons;
  if (reasons.length > 0) {
    card.overrideReasons = reasons.map((r): Coding => ({ system: OVERRIDE_SYSTEM, code: r, display: overrideDisplay[r] }));
  }
  return card;
}

/** One recommendation as a card of its own (order hooks; the separate layout). */
export function toCard(rec: Recommendation, deps: CardDeps): Card {
  return toComposedCard({ recs: [rec], indicator: rec.indicator }, deps);
}

/**
 * Advice (info) cards offer one reason: "already addressed". Given as feedback it snoozes the advice for that
 * patient until its data change (`SNOOZE_DAYS`); alerts keep the reasons their rule names and are never snoozed.
 */
export const INFO_OVERRIDE_REASONS: readonly OverrideReason[] = ['already-addressed'];

/** Label of the SMART link: it opens the whole case (biomarkers, CEA trend, treatments), not one rule. */
export const SMART_LINK_LABEL = 'Open the case summary (SMART app)';

/**
 * The SMART app link: the EHR launches `url` with `iss` and `launch` and hands `appContext` (the rule that
 * brought the clinician there) to the app.
 * @see https://cds-hooks.hl7.org/2.0/#link
 */
export function smartAppLink(launchUrl: string, ruleId: string): Link {
  return { label: SMART_LINK_LABEL, url: launchUrl, type: 'smart', appContext: JSON.stringify({ ruleId }) };
}

/**
 * Put the SMART link on the summary card only: the first one (cards come most severe first), so the EHR
 * shows one launch button per response, not one per card.
 */
export function withSmartLink(cards: Card[], launchUrl: string): Card[] {
  const [first, ...rest] = cards;
  const ruleId = first?.source.topic?.code;
  if (!first || ruleId === undefined) return cards;
  return [{ ...first, links: [...(first.links ?? []), smartAppLink(launchUrl, ruleId)] }, ...rest];
}
