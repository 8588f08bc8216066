import { fileURLToPath } from 'node:url';
import { renderRuleIndex } from './registry.js';

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
  return [{ name: 'src/engine/rules/index.ts', path: root('src/engine/rules/index.ts'), render: () => renderRuleIndex(root('src/engine/rules')) }];
}
