/**
 * Hook requests as an EHR would build them: the service's prefetch templates (from discovery), filled
 * with the hook context and fetched from the FHIR server, exactly as the README's `jq` example does.
 */
import type { DiscoveryResponse, ServiceDefinition } from '../src/hooks/cds-types.js';
import { fetchPrefetch } from '../src/hooks/prefetch-template.js';

export const HOOK_INSTANCE = 'b7c0d7a4-2f43-4c55-9a1e-5d0c2e8f6a10';
export const USER_ID = 'Practitioner/bench';

export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.json();
}

export async function postJson(url: string, body: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, body: await res.json() };
}

export async function discover(baseUrl: string): Promise<ServiceDefinition[]> {
  return ((await getJson(`${baseUrl}/cds-services`)) as DiscoveryResponse).services;
}

/** Every prefetch key of the service, fetched from `fhirBase` with the templates filled from `context`. */
export async function prefetchFrom(
  fhirBase: string,
  service: ServiceDefinition,
  context: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return fetchPrefetch(service, context, (q) => getJson(`${fhirBase}/${q.url}`));
}

/** Resources a prefetch carries: each Bundle's entries, or 1 for a single resource. */
export function prefetchResourceCount(prefetch: Record<string, unknown>): number {
  let n = 0;
  for (const value of Object.values(prefetch)) {
    const v = value as { resourceType?: string; entry?: unknown[] } | null;
    if (v?.resourceType === 'Bundle') n += v.entry?.length ?? 0;
    else if (v?.resourceType) n += 1;
  }
  return n;
}

/** A complete CDS Hooks request body. `extra` carries prefetch or fhirServer. */
export function hookRequest(hook: string, context: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ hook, hookInstance: HOOK_INSTANCE, context: { userId: USER_ID, ...context }, ...extra });
}

/** Rule ids of the cards in a CDS response, sorted (compares the prefetch and fallback answers). */
export function cardRuleIds(body: unknown): string[] {
  const cards = (body as { cards?: Array<{ source?: { topic?: { code?: string } } }> }).cards ?? [];
  return cards.map((c) => c.source?.topic?.code ?? '?').sort();
}
