import { z } from 'zod';
import { HOOK_NAMES, type HookName } from '../engine/types.js';
import type { DiscoveryResponse, ServiceDefinition } from './cds-types.js';
import { readProjectJson } from '../project-files.js';

const ServiceSchema = z
  .object({
    hook: z.string().min(1),
    title: z.string().min(1).optional(),
    description: z.string().min(1),
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'service ids are used in URLs'),
    prefetch: z.record(z.string(), z.string().min(1)).optional(),
    usageRequirements: z.string().min(1).optional(),
  })
  .strict();

const DiscoverySchema = z.object({ services: z.array(ServiceSchema).min(1) }).strict();

/**
 * Load `cds-services.json`, the single source of truth for service ids, hooks and prefetch templates.
 * Validated at start-up so a typo fails the boot, not a live request.
 */
export function loadServiceDefinitions(raw: unknown = readProjectJson('cds-services.json')): DiscoveryResponse {
  const parsed = DiscoverySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`cds-services.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const ids = parsed.data.services.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`cds-services.json: duplicate service id ${dup}`);
  // Rebuild without undefined members so discovery omits optional fields instead of sending null.
  return { services: parsed.data.services.map((s) => omitUndefined(s) as ServiceDefinition) };
}

function omitUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A service of discovery with the hook it answers, known to the pipeline. */
export interface RegisteredService {
  definition: ServiceDefinition;
  hook: HookName;
}

/**
 * Services by id. Discovery and routing both come from `cds-services.json`, so they cannot disagree; a
 * service for a hook the pipeline does not answer fails the start.
 */
export function serviceRegistry(discovery: DiscoveryResponse): ReadonlyMap<string, RegisteredService> {
  const registry = new Map<string, RegisteredService>();
  for (const definition of discovery.services) {
    const hook = HOOK_NAMES.find((h) => h === definition.hook);
    if (!hook) throw new Error(`cds-services.json: no handler for hook ${definition.hook} (service ${definition.id})`);
    registry.set(definition.id, { definition, hook });
  }
  return registry;
}
