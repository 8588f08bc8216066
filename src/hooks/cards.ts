import { SUMMARY_MAX_LENGTH } from '../engine/evaluate.js';
import type { Recommendation, ActionSpec, BasedOn, OverrideReason } from '../engine/types.js';
import { seedLabel } from '../engine/sources.js';
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
  return `- ${b.label}: ${b.value}${when}${src}`;
}

function evidenceLine(rec: Recommendation): string {
  const parts: string[] = [];
  parts.push(rec.evidence.level ? `level ${rec.evidence.level}` : 'no graded level');
  if (rec.evidence.seeds.length > 0) parts.push(`seeds ${rec.evidence.seeds.map(seedLabel).join('; ')}`);
  if (rec.evidence.citation) parts.push(rec.evidence.citation);
  const origin = rec.origin === 'ext' ? 'beyond the seed texts' : 'seed texts';
  return `**Evidence:** ${parts.join(' · ')} — rule ${rec.ruleId} (${origin})`;
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

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Turn one engine recommendation into a CDS Hooks card; optional fields are omitted, never null. */
export function toCard(rec: Recommendation, deps: CardDeps): Card {
  const detail = [rec.detail, '', '**Based on**', ...rec.basedOn.map(basedOnLine), '', evidenceLine(rec)].join('\n');
  const card: Card = {
    uuid: deps.newId(),
    summary: truncate(rec.summary, SUMMARY_MAX),
    detail,
    indicator: rec.indicator,
    source: {
      label: 'Rectal CDS: stage IV rectal cancer guideline',
      url: `${deps.publicBaseUrl}/rules/${rec.ruleId}`,
      topic: { system: RULE_SYSTEM, code: rec.ruleId, display: rec.title },
    },
    extension: { [RULES_EXTENSION]: [rec.ruleId] },
  };
  if (rec.suggestions.length > 0) {
    card.suggestions = rec.suggestions.map(
      (s): Suggestion => ({
        label: s.label,
        uuid: deps.newId(),
        ...(s.isRecommended !== undefined ? { isRecommended: s.isRecommended } : {}),
        actions: s.actions.map((a) => toAction(a, deps)),
      }),
    );
    card.selectionBehavior = 'at-most-one';
  }
  const reasons = rec.indicator === 'info' ? INFO_OVERRIDE_REASONS : rec.overrideReasons;
  if (reasons.length > 0) {
    card.overrideReasons = reasons.map((r): Coding => ({ system: OVERRIDE_SYSTEM, code: r, display: overrideDisplay[r] }));
  }
  return card;
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
