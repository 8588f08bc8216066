import type { Config } from '../config/types.js';
import type { Rule } from '../engine/types.js';
import type { CdsResponse } from './cds-types.js';
import type { FhirReaderFactory } from '../fhir-client/reader.js';
import type { KeyOrigin } from './gather-data.js';

/** What a hook handler needs from the outside world; injected so handlers know no transport and no clock. */
export interface HookDeps {
  config: Config;
  rules: readonly Rule[];
  readerFor: FhirReaderFactory;
  now: () => Date;
  newId: () => string;
}

/** Facts about one call for logs and metrics: no PHI, no tokens. */
export interface HookTelemetry {
  origins: Record<string, KeyOrigin>;
  fhirCalls: number;
  ruleIds: string[];
}

export interface HookResult {
  response: CdsResponse;
  telemetry: HookTelemetry;
}
