import http from 'node:http';
import https from 'node:https';

/**
 * nock patches the shared node:http(s) modules when a test file imports it, and jest keeps core modules across
 * the test files of one worker. Without this, every later file in that worker would send its real HTTP through
 * nock's passthrough sockets: slower, and with error events Node itself never emits. Runs after every file.
 */
const original = { request: http.request, get: http.get, httpsRequest: https.request, clientRequest: http.ClientRequest };

afterAll(async () => {
  const patched = http.request !== original.request || http.get !== original.get || https.request !== original.httpsRequest || http.ClientRequest !== original.clientRequest;
  if (!patched) return;
  const { default: nock } = await import('nock');
  nock.restore();
});
