import type { Bundle, Resource } from 'fhir/r4.js';
import { loadServiceDefinitions } from '../../src/hooks/services.js';
import type { ServiceDefinition } from '../../src/hooks/cds-types.js';
import { prefetchQueries } from '../../src/hooks/prefetch-template.js';

export const discovery = loadServiceDefinitions();

export function service(hook: string): ServiceDefinition {
  const s = discovery.services.find((x) => x.hook === hook);
  if (!s) throw new Error(`no service for ${hook}`);
  return s;
}

export function searchset(resources: Resource[]): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((resource) => ({ resource })) };
}

/**
 * Prefetch as an EHR would send it: each of the service's queries, the patient as a read, the rest as
 * searchsets of the record's resources of that type. Code filters are not applied here (the mapper checks
 * every code itself).
 */
export function prefetchFor(svc: ServiceDefinition, record: Resource[], patientId = patientOf(record)): Record<string, Resource> {
  const out: Record<string, Resource> = {};
  for (const q of prefetchQueries(svc, { patientId, userId: 'Practitioner/example' })) {
    const matching = record.filter((r) => r.resourceType === q.resourceType);
    out[q.key] = q.search ? searchset(matching) : matching[0]!;
  }
  return out;
}

function patientOf(record: Resource[]): string {
  return record.find((r) => r.resourceType === 'Patient')?.id ?? 'unknown-patient';
}

export function patientViewRequest(patientId: string, extra: Record<string, unknown> = {}) {
  return {
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/example', patientId },
    ...extra,
  };
}

interface WireCardRules {
  source?: { topic?: { code?: string } };
  extension?: Record<string, unknown>;
}

/** The rules a card carries: its `extension["org.rectal-cds.rules"]` (lead first), else its topic. */
export function rulesOf(card: WireCardRules): string[] {
  const listed = card.extension?.['org.rectal-cds.rules'];
  if (Array.isArray(listed) && listed.every((x) => typeof x === 'string')) return listed as string[];
  return [card.source?.topic?.code ?? '(no topic)'];
}

/** Every rule the answer returns (vignettes.md: a rule is returned when a card carries it), sorted. */
export const cardIds = (body: { cards?: WireCardRules[] }) => (body.cards ?? []).flatMap(rulesOf).sort();

/** The card that carries a rule (as its lead or folded into it). */
export function cardFor<C extends WireCardRules>(cards: readonly C[], ruleId: string): C | undefined {
  return cards.find((c) => rulesOf(c).includes(ruleId));
}

/**
 * What a card says for one rule: the whole detail of a single-rule card, or that rule's section of a card that
 * carries several (sections open with `### <title> (<rule id>)`).
 */
export function sectionFor(card: WireCardRules & { detail?: string }, ruleId: string): string | undefined {
  const detail = card.detail ?? '';
  const rules = rulesOf(card);
  if (!rules.includes(ruleId)) return undefined;
  if (rules.length === 1) return detail;
  return detail.split(/^(?=### )/m).find((s) => (s.split('\n')[0] ?? '').endsWith(`(${ruleId})`));
}
