import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { renderRuleIndex, renderScenarioIndex } from './registry.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface GeneratedFile {
  /** Absolute path. */
  path: string;
  /** Repository-relative path, for messages. */
  name: string;
  render(): string | Promise<string>;
}

/** Every generated file and how it is made. The rule index comes first: the others read the rules. */
export function generatedFiles(): GeneratedFile[] {
  return [
    { name: 'src/engine/rules/index.ts', path: root('src/engine/rules/index.ts'), render: () => renderRuleIndex(root('src/engine/rules')) },
    { name: 'src/fixtures/scenarios/index.ts', path: root('src/fixtures/scenarios/index.ts'), render: () => renderScenarioIndex(root('src/fixtures/scenarios')) },
    {
      name: 'docs/rules.md',
      path: root('docs/rules.md'),
      // Imported when rendered: the catalogue reads the rule index written just before.
      render: async () => (await import('../../src/engine/catalogue.js')).buildCatalogue(readFileSync(root('src/engine/thresholds.ts'), 'utf8')),
    },
    {
      name: 'cds-services.json',
      path: root('cds-services.json'),
      render: async () => {
        const [{ renderDiscovery }, { allRules }] = await Promise.all([import('./discovery.js'), import('../../src/engine/rules/index.js')]);
        return renderDiscovery(JSON.parse(readFileSync(root('cds-services.json'), 'utf8')), allRules);
      },
    },
  ];
}
