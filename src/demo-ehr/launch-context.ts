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
