import { parentPort } from 'node:worker_threads';
import { AuditError } from './errors.js';
import { type AuditTask, runTask } from './tasks.js';

/** A worker thread of the audit: runs the tasks it is sent, one at a time, and streams its progress back. */
const port = parentPort;
if (!port) throw new Error('src/audit/worker.ts runs as a worker thread only');
port.on('message', (m: { id: number; task: AuditTask }) => {
  runTask(m.task, (delta) => port.postMessage({ type: 'progress', delta }))
    .then((result) => port.postMessage({ type: 'done', id: m.id, result }))
    .catch((e: unknown) => port.postMessage({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e), kind: e instanceof AuditError ? e.kind : undefined }));
});
