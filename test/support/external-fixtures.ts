import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Test data copied from public repositories into `test/fixtures/external/` (provenance and licences in its
 * README.md). Resolved from this file, not from the working directory, so any folder the clone is in works.
 */
export function externalFixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/external/${relative}`, import.meta.url));
}

export function readExternalFixture(relative: string): string {
  return readFileSync(externalFixturePath(relative), 'utf8');
}
