/** ESM + ts-jest; run through `node --experimental-vm-modules` (see package.json "test"). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 20000,
  // nock patches node:http(s), which jest shares between the files of a worker: undone after each file.
  setupFilesAfterEnv: ['<rootDir>/test/support/release-nock.ts'],
  // A real PostgreSQL server for the store tests (a private cluster on loopback unless TEST_DATABASE_URL is set).
  globalSetup: '<rootDir>/test/support/postgres-global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.mjs',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
