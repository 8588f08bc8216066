import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { boundedFetchReader } from '../../src/fhir-client/fetch-reader.js';
import { createHttpGet } from '../../src/fhir-client/http-get.js';
import { checkedLookup, type HostResolver } from '../../src/security/outbound-lookup.js';
import { checkFhirServer, outboundPolicyOf, type OutboundPolicy } from '../../src/security/outbound.js';
import { classifyHost } from '../../src/security/addresses.js';
import { testConfig } from '../support/test-config.js';
import { patientViewRequest, prefetchFor, searchset, service } from '../support/prefetch.js';

/**
 * Demo mode judges a `fhirServer` by the addresses its host resolves to, not only by literal IPs: every
 * resolved address is checked, and the connection goes to the checked address (no second lookup that could
 * answer otherwise). IPv6 forms that carry an IPv4 address are judged by it. Names resolve through an injected
 * resolver; the FHIR server is real and listens on 127.0.0.1.
 */
const demo: OutboundPolicy = { mode: 'demo', allowedServers: [], allowHttp: false };

describe('IPv6 forms are judged by the IPv4 address they carry', () => {
  test.each<[string, string]>([
    ['[64:ff9b::a9fe:a9fe]', 'link-local'], // NAT64 of 169.254.169.254
    ['[64:ff9b::10.0.0.1]', 'private'],
    ['[64:ff9b::808:808]', 'public'],
    ['[64:ff9b:1::a00:1]', 'private'], // local-use NAT64 prefix
    ['[2002:a9fe:a9fe::1]', 'link-local'], // 6to4 of 169.254.169.254
    ['[2002:a00:1::]', 'private'],
    ['[2002:7f00:1::]', 'loopback'],
    ['[::10.0.0.1]', 'private'], // IPv4-compatible
    ['[::a9fe:a9fe]', 'link-local'],
    ['[::ffff:10.0.0.1]', 'private'], // IPv4-mapped
    ['[::ffff:0:a9fe:a9fe]', 'link-local'], // IPv4-translated
    ['[2001:0:4136:e378:8000:63bf:f5ff:fffe]', 'private'], // Teredo client 10.0.0.1
    ['[0:0:0:0:0:ffff:7f00:1]', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::]', 'unspecified'],
    ['[fe80::1]', 'link-local'],
    ['[fec0::1]', 'private'],
    ['[ff02::1]', 'reserved'],
    ['224.0.0.251', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['[2606:4700::1111]', 'public'],
    ['8.8.8.8', 'public'],
  ])('%s is %s', (host, expected) => {
    expect(classifyHost(host)).toBe(expected);
  });

  test.each(['https://[64:ff9b::a9fe:a9fe]/', 'https://[2002:a9fe:a9fe::]/', 'https://[::a9fe:a9fe]/', 'https://[ff02::1]/'])('demo refuses %s', (url) => {
    expect(checkFhirServer(url, demo)).toMatch(/addresses are not called/);
  });
});

describe('hostnames are resolved and every address checked before connecting', () => {
  let fhir: Server;
  let port = 0;
  let hits = 0;
  const names: Record<string, string[]> = {
    'private.test': ['10.0.0.1'],
    'metadata.test': ['169.254.169.254'],
    'mixed.test': ['127.0.0.1', '10.0.0.1'],
    'nat64.test': ['64:ff9b::a00:1'],
    'mapped.test': ['::ffff:169.254.169.254'],
    'good.test': ['127.0.0.1'],
    'public.localhost': ['93.184.216.34'],
    'app.localhost': ['127.0.0.1'],
  };
  const lookups: string[] = [];
  const resolve: HostResolver = async (hostname) => {
    lookups.push(hostname);
    const found = names[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  const appWith = (allowHttp: boolean) => {
    const config = testConfig({ fhirAllowHttp: allowHttp, fhirTimeoutMs: 2000 });
    const policy = outboundPolicyOf(config);
    const readerFor = boundedFetchReader(
      { maxBytes: config.fhirMaxBytes, maxEntries: config.fhirMaxEntries },
      { get: createHttpGet({ lookupFor: (protocol) => checkedLookup(policy, protocol, resolve) }) },
    );
    return createApp(config, { readerFor });
  };
  // Everything prefetched but conditions: one FHIR read per call.
  const call = (app: ReturnType<typeof createApp>, host: string) => {
    const prefetch = prefetchFor(service('patient-view'), [{ resourceType: 'Patient', id: 'p1' } as never]);
    delete prefetch['conditions'];
    return request(app)
      .post('/cds-services/rectal-cancer-stage-iv')
      .send(patientViewRequest('p1', { fhirServer: `http://${host}:${port}/fhir`, fhirAuthorization: { access_token: 't0k', token_type: 'Bearer' }, prefetch }));
  };
  const diagnostics = (res: { body: { issue?: { diagnostics?: string }[] } }) => (res.body.issue ?? []).map((i) => i.diagnostics).join(' | ');

  beforeAll(async () => {
    fhir = createServer((_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(searchset([])));
    });
    await new Promise<void>((r) => fhir.listen(0, '127.0.0.1', r));
    port = (fhir.address() as AddressInfo).port;
  });
  afterAll(async () => {
    fhir.closeAllConnections();
    await new Promise((r) => fhir.close(r));
  });
  beforeEach(() => {
    hits = 0;
    lookups.length = 0;
  });

  test.each<[string, RegExp]>([
    ['private.test', /private\.test resolves to 10\.0\.0\.1, a private address/],
    ['metadata.test', /metadata\.test resolves to 169\.254\.169\.254, a link-local address/],
    ['mixed.test', /mixed\.test resolves to 10\.0\.0\.1, a private address/],
    ['nat64.test', /nat64\.test resolves to 64:ff9b::a00:1, a private address/],
    ['mapped.test', /mapped\.test resolves to ::ffff:169\.254\.169\.254, a link-local address/],
  ])('%s: 412 naming the address, and nothing is sent', async (host, message) => {
    const res = await call(appWith(true), host).expect(412);
    expect(diagnostics(res)).toMatch(message);
    expect(hits).toBe(0);
  });

  test('a name resolving to loopback is called, at the address that was checked', async () => {
    await call(appWith(true), 'good.test').expect(200);
    expect(hits).toBe(1);
    expect(lookups).toEqual(['good.test']);
  });

  test('http to *.localhost: called when it resolves to loopback', async () => {
    await call(appWith(false), 'app.localhost').expect(200);
    expect(hits).toBe(1);
  });

  test('http to *.localhost resolving to a public address: refused (http is for loopback only)', async () => {
    const res = await call(appWith(false), 'public.localhost').expect(412);
    expect(diagnostics(res)).toMatch(/public\.localhost resolves to 93\.184\.216\.34: plain http only to loopback/);
    expect(hits).toBe(0);
  });

  test('an unknown name: 412 (could not be reached)', async () => {
    const res = await call(appWith(true), 'nowhere.test').expect(412);
    expect(diagnostics(res)).toMatch(/could not be reached/);
  });

  test('one lookup per connection: a resolver that changes its answer (DNS rebinding) cannot redirect the call', async () => {
    let answers = 0;
    const rebinding: HostResolver = async () => [{ address: answers++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    const policy: OutboundPolicy = { mode: 'demo', allowedServers: [], allowHttp: true };
    const reader = boundedFetchReader({ maxBytes: 1 << 20, maxEntries: 100 }, { get: createHttpGet({ lookupFor: (p) => checkedLookup(policy, p, rebinding) }) })(
      `http://rebind.test:${port}/fhir`,
      undefined,
    );
    await expect(reader.get('Condition?patient=p1', AbortSignal.timeout(2000))).resolves.toMatchObject({ resourceType: 'Bundle' });
    expect(answers).toBe(1);
    expect(hits).toBe(1);
  });

  test('an allow-list makes its hosts trusted: their addresses are not judged', async () => {
    const policy: OutboundPolicy = { mode: 'demo', allowedServers: [{ protocol: 'http:', hostname: 'private.test', port: String(port), pathPrefix: '/fhir' }], allowHttp: false };
    const lookup = checkedLookup(policy, 'http:', async () => [{ address: '10.0.0.1', family: 4 }]);
    const answer = await new Promise<unknown>((r) => lookup('private.test', { all: true }, (err, addresses) => r(err ?? addresses)));
    expect(answer).toEqual([{ address: '10.0.0.1', family: 4 }]);
  });
});
