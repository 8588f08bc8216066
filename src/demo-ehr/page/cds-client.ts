/// <reference lib="dom" />
import type { Card, DiscoveryResponse, ServiceDefinition } from '../../hooks/cds-types.js';

/**
 * The demo EHR's CDS Hooks client: discovery, hook calls and feedback against the real endpoints of the
 * service that served the page. No clinical logic here.
 */
export const DEMO_USER = 'Practitioner/demo-clinician';

/** RFC 4122 v4 id; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class CdsCallError extends Error {
  override readonly name = 'CdsCallError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const base = () => new URL('./', window.location.href);

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { issue?: { diagnostics?: string }[] };
    const lines = (body.issue ?? []).map((i) => i.diagnostics).filter(Boolean);
    return lines.join('; ') || `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function discover(): Promise<ServiceDefinition[]> {
  const res = await fetch(new URL('cds-services', base()));
  if (!res.ok) throw new CdsCallError(res.status, await readError(res));
  return ((await res.json()) as DiscoveryResponse).services;
}

export function serviceFor(services: readonly ServiceDefinition[], hook: string): ServiceDefinition | undefined {
  return services.find((s) => s.hook === hook);
}

/** FHIR base of the embedded demo server, as the EHR gives it to the service (`fhirServer`). */
export function fhirBase(): string {
  return new URL('fhir', base()).href;
}

export async function callHook(service: ServiceDefinition, context: Record<string, unknown>): Promise<Card[]> {
  const res = await fetch(new URL(`cds-services/${encodeURIComponent(service.id)}`, base()), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ hook: service.hook, hookInstance: uuid(), fhirServer: fhirBase(), context: { userId: DEMO_USER, ...context } }),
  });
  if (!res.ok) throw new CdsCallError(res.status, await readError(res));
  return ((await res.json()) as { cards?: Card[] }).cards ?? [];
}

export type Feedback =
  | { card: string; outcome: 'accepted'; acceptedSuggestions: { id: string }[] }
  | { card: string; outcome: 'overridden'; overrideReason?: { reason: { system?: string; code: string; display?: string } } };

/** @see https://cds-hooks.hl7.org/2.0/#feedback */
export async function sendFeedback(service: ServiceDefinition, feedback: Feedback): Promise<void> {
  const res = await fetch(new URL(`cds-services/${encodeURIComponent(service.id)}/feedback`, base()), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ feedback: [{ ...feedback, outcomeTimestamp: new Date().toISOString() }] }),
  });
  if (!res.ok) throw new CdsCallError(res.status, await readError(res));
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, base()), { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new CdsCallError(res.status, await readError(res));
  return (await res.json()) as T;
}
