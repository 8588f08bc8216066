import type { DiscoveryResponse, ServiceDefinition } from '../../src/hooks/cds-types.js';
import type { AnyRule } from '../../src/engine/rule.js';
import { OBSERVATION_CODES_READ } from '../../src/fhir-mapping/observation-codes.js';

/**
 * `cds-services.json` with its derived parts rewritten from the code: each Observation template's code filter
 * (every code the mapper reads) and the closing "Rules:" sentence of each description (the rules that answer
 * the service's hook). The rest (ids, hooks, prose, other templates) stays as written.
 */
const RULES_SENTENCE = / Rules: [^]*$/;

function withCodeFilter(template: string): string {
  if (!template.startsWith('Observation?')) return template;
  const [path, query = ''] = template.split('?');
  const params = query.split('&').filter((p) => !p.startsWith('code='));
  return `${path}?${[...params, `code=${OBSERVATION_CODES_READ.join(',')}`].join('&')}`;
}

function describe(service: ServiceDefinition, rules: readonly AnyRule[]): string {
  const intro = service.description.replace(RULES_SENTENCE, '');
  const mine = rules.filter((r) => r.meta.hooks.some((h) => h === service.hook)).map((r) => `${r.meta.id} ${r.meta.title}`);
  return `${intro} Rules: ${mine.join('; ')}.`;
}

export function renderDiscovery(discovery: DiscoveryResponse, rules: readonly AnyRule[]): string {
  const services = discovery.services.map((s) => ({
    ...s,
    description: describe(s, rules),
    ...(s.prefetch ? { prefetch: Object.fromEntries(Object.entries(s.prefetch).map(([k, t]) => [k, withCodeFilter(t)])) } : {}),
  }));
  return `${JSON.stringify({ services }, null, 2)}\n`;
}
