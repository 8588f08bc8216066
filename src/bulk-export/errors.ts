/**
 * Why a Bulk Data export could not be had, as a bounded set (an exit code, a log field). The message says
 * what happened in words for the operator; it never holds a token or exported data.
 */
export type BulkExportFailure =
  | 'refused' // the outbound policy does not allow a URL of the export
  | 'unreachable' // no answer (connection refused, reset, DNS)
  | 'auth' // no access token could be had, or the server refused it
  | 'kick-off-refused' // the server refused to start the export
  | 'export-failed' // the status URL reported the export failed
  | 'bad-response' // an answer that breaks the Bulk Data protocol (no Content-Location, a malformed manifest)
  | 'download-failed' // an output file could not be downloaded
  | 'truncated' // an output file came shorter than announced, or ends in a partial line
  | 'out-dir' // the output folder cannot be used
  | 'timeout' // the export took longer than allowed
  | 'cancelled'; // the caller aborted

export class BulkExportError extends Error {
  override readonly name = 'BulkExportError';
  constructor(
    readonly reason: BulkExportFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
