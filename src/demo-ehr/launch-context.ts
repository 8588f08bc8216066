import { FHIR_ID } from '../domain/ids.js';
/**
 * Demo EHR launch context: what the demo EHR hands the demo authorization server in the SMART `launch`
 * parameter (the patient, and the `appContext` of the card the clinician clicked). A real EHR keeps this
 * server-side behind an opaque id; the demo encodes it in the parameter (base64url JSON) to stay stateless.
 * Runs in Node and in the browser.
 */
export interface DemoLaunchContext {
  patient: string;
  appContext?: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeLaunch(ctx: DemoLaunchContext): string {
  return toBase64Url(JSON.stringify(ctx));
}

/** The context, or undefined for anything that is not a launch this demo EHR made. */
export function decodeLaunch(launch: string): DemoLaunchContext | undefined {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(launch)) return undefined;
  try {
    const o = JSON.parse(fromBase64Url(launch)) as { patient?: unknown; appContext?: unknown } | null;
    if (typeof o?.patient !== 'string' || !FHIR_ID.test(o.patient)) return undefined;
    if (o.appContext !== undefined && (typeof o.appContext !== 'string' || o.appContext.length > 1000)) return undefined;
    return { patient: o.patient, ...(o.appContext !== undefined ? { appContext: o.appContext } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * The launch URL of a card's SMART link, on the origin this page was opened at when it is this service's own
 * app: the card carries `PUBLIC_BASE_URL` (say `localhost`) while the page may have been opened at
 * `127.0.0.1`; an app framed from another site cannot keep its launch state (the browser refuses it storage).
 */
export function launchUrlFor(linkUrl: string | undefined, page: URL): URL {
  const url = new URL(linkUrl ?? 'smart/launch', page);
  if (url.origin !== page.origin && url.pathname.endsWith('/smart/launch')) return new URL(url.pathname + url.search, page.origin);
  return url;
}
