import type { DiscoveryResponse, ServiceDefinition } from './cds-types.js';
import type { HookHandler } from './hook-deps.js';
import { orderSelect } from './order-select.js';
import { orderSign } from './order-sign.js';
import { patientView } from './patient-view.js';

/** Handler per hook. Discovery and routing both come from `cds-services.json`, so they cannot disagree. */
const handlersByHook: Record<string, HookHandler> = {
  'patient-view': patientView,
  'order-select': orderSelect,
  'order-sign': orderSign,
};

export interface RegisteredService {
  definition: ServiceDefinition;
  handler: HookHandler;
}

export function buildRegistry(discovery: DiscoveryResponse): Map<string, RegisteredService> {
  const registry = new Map<string, RegisteredService>();
  for (const definition of discovery.services) {
    const handler = handlersByHook[definition.hook];
    if (!handler) throw new Error(`cds-services.json: no handler for hook ${definition.hook} (service ${definition.id})`);
    registry.set(definition.id, { definition, handler });
  }
  return registry;
}
