import type { Indicator } from '../engine/types.js';

/**
 * CDS Hooks 2.0 wire types (the parts this service speaks).
 * @see https://cds-hooks.hl7.org/2.0/
 */

export interface ServiceDefinition {
  hook: string;
  title?: string;
  description: string;
  id: string;
  prefetch?: Record<string, string>;
  usageRequirements?: string;
}

export interface DiscoveryResponse {
  services: ServiceDefinition[];
}

export interface FhirAuthorization {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  subject: string;
  patient?: string;
}

export interface CdsRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: FhirAuthorization;
  context: Record<string, unknown>;
  /** Absent key: not provided. `null`: the EHR found no data. */
  prefetch?: Record<string, unknown>;
}

export interface Coding {
  system?: string;
  code: string;
  display?: string;
}

export interface CdsSource {
  label: string;
  url?: string;
  icon?: string;
  topic?: Coding;
}

export type CdsAction =
  | { type: 'create'; description: string; resource: Record<string, unknown> }
  | { type: 'update'; description: string; resource: Record<string, unknown> }
  | { type: 'delete'; description: string; resourceId: string[] };

export interface Suggestion {
  label: string;
  uuid?: string;
  isRecommended?: boolean;
  actions?: CdsAction[];
}

export interface Link {
  label: string;
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

export interface Card {
  uuid?: string;
  summary: string;
  detail?: string;
  indicator: Indicator;
  source: CdsSource;
  suggestions?: Suggestion[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: Coding[];
  links?: Link[];
  /** CDS Hooks extension members; this service names the rules a card carries (`org.rectal-cds.rules`). */
  extension?: Record<string, unknown>;
}

export interface CdsResponse {
  cards: Card[];
  systemActions?: CdsAction[];
  extension?: Record<string, unknown>;
}
