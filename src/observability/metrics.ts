import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, in a registry of its own per app (no global state: tests build many
 * apps). Label values come from bounded sets only: route patterns, registered service ids, rule ids,
 * failure codes.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'service' | 'status'>;
  httpDuration: Histogram<'route' | 'service' | 'status'>;
  fhirDuration: Histogram<'outcome'>;
  fhirErrors: Counter<'reason'>;
  cards: Counter<'service' | 'rule'>;
  dataOrigins: Counter<'service' | 'origin'>;
  authFailures: Counter<'reason'>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'cds_http_requests_total',
      help: 'HTTP requests by route, CDS service and status',
      labelNames: ['method', 'route', 'service', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'cds_http_request_duration_seconds',
      help: 'HTTP request latency by route, CDS service and status',
      labelNames: ['route', 'service', 'status'],
      buckets: SECONDS,
      registers,
    }),
    fhirDuration: new Histogram({
      name: 'cds_fhir_request_duration_seconds',
      help: 'Latency of calls to EHR FHIR servers by outcome (ok, timeout, http, unreachable, content-type, malformed, too-large)',
      labelNames: ['outcome'],
      buckets: SECONDS,
      registers,
    }),
    fhirErrors: new Counter({
      name: 'cds_fhir_errors_total',
      help: 'Failed calls to EHR FHIR servers by reason',
      labelNames: ['reason'],
      registers,
    }),
    cards: new Counter({
      name: 'cds_cards_total',
      help: 'Cards returned, by CDS service and rule id',
      labelNames: ['service', 'rule'],
      registers,
    }),
    dataOrigins: new Counter({
      name: 'cds_prefetch_keys_total',
      help: 'Prefetch keys by how they were satisfied (prefetch, prefetch+pages, fhir, empty)',
      labelNames: ['service', 'origin'],
      registers,
    }),
    authFailures: new Counter({
      name: 'cds_auth_failures_total',
      help: 'Refused CDS client JWTs by the check that failed',
      labelNames: ['reason'],
      registers,
    }),
  };
}
