import { z } from 'zod';
import { isLoopbackHost } from '../../security/addresses.js';

/**
 * A CDS client (EHR) this service trusts: its `iss` and where its public keys are.
 * @see https://cds-hooks.hl7.org/2.0/#trusting-cds-clients
 */
export interface TrustedIssuer {
  iss: string;
  /** The issuer's JWK Set URL, used when the JWT header has no `jku`. */
  jwksUrl?: string;
  /** Inline public keys, used when the JWT header has no `jku` (and no `jwksUrl` is given). */
  jwks?: { keys: Record<string, unknown>[] };
  /** `jku` header values honoured for this issuer; any other `jku` is refused. */
  jkuAllow: string[];
}

/** Key URLs must be https, except on loopback (tests, a local EHR simulator). */
const keyUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || isLoopbackHost(url.hostname);
}, 'must be an https URL (http only on loopback)');

/** Public key members only: a private or symmetric key in the configuration is a mistake worth refusing. */
const PublicJwk = z
  .object({ kty: z.enum(['EC', 'RSA', 'OKP']), kid: z.string().min(1) })
  .loose()
  .refine((k) => !('d' in k) && !('p' in k) && !('q' in k), 'must be a public key (no d, p or q)');

const TrustedIssuerSchema = z
  .object({
    iss: z.string().min(1),
    jwksUrl: keyUrl.optional(),
    jwks: z.object({ keys: z.array(PublicJwk).min(1) }).optional(),
    jkuAllow: z.array(keyUrl).default([]),
  })
  .strict()
  .refine((i) => i.jwksUrl || i.jwks || i.jkuAllow.length > 0, 'needs jwksUrl, jwks or jkuAllow');

const TrustedIssuersSchema = z
  .array(TrustedIssuerSchema)
  .refine((list) => new Set(list.map((i) => i.iss)).size === list.length, 'each iss may appear once');

/**
 * `CDS_TRUSTED_ISSUERS`: a JSON array such as
 * `[{"iss":"https://ehr.example.org","jwksUrl":"https://ehr.example.org/jwks","jkuAllow":[]}]`.
 */
export const TrustedIssuersEnv = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of trusted issuers' });
      return z.NEVER;
    }
  })
  .pipe(TrustedIssuersSchema);
