import { z } from 'zod';
import { bool, ruleIdList, sizeBytes, sizeText } from './env-schemas.js';

/** The service, clinical and SMART parts of the environment. */

/** Read access to what the SMART app shows: the same resource types as the service's prefetch templates. */
export const DEFAULT_SMART_SCOPES = [
  'launch',
  ...['Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationAdministration', 'MedicationStatement', 'Procedure', 'ServiceRequest', 'DiagnosticReport', 'ImagingStudy', 'CarePlan', 'Encounter', 'EpisodeOfCare', 'DocumentReference'].map(
    (type) => `patient/${type}.read`,
  ),
  'openid',
  'fhirUser',
].join(' ');

export const serviceEnvShape = {
  CDS_MODE: z.enum(['demo', 'production']).optional(),
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional(),
  FHIR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  FHIR_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(50),
  JSON_BODY_LIMIT: sizeText.default('32mb'),
  /** Default: twice JSON_BODY_LIMIT (two bodies of the largest size at once). */
  BODY_BYTES_IN_FLIGHT: sizeBytes.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CARD_LAYOUT: z.enum(['plan', 'separate']).default('plan'),
};

export const clinicalEnvShape = {
  RULE_SET: z.enum(['extended', 'seed-only']).default('extended'),
  DISABLED_RULES: ruleIdList.default([]),
  RECTOSIGMOID_IN_SCOPE: bool.default(false),
};

export const smartEnvShape = {
  SMART_LAUNCH_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMART_CLIENT_ID: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'a client id without spaces').default('rectal-cds'),
  SMART_SCOPES: z
    .string()
    .transform((s) => s.trim().split(/\s+/).join(' '))
    .refine((s) => s.length > 0, 'at least one scope')
    .default(DEFAULT_SMART_SCOPES),
};
