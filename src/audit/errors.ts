/** Why an audit could not run: each kind has its own exit code (see exit-codes.ts). */
export type AuditErrorKind = 'bad-arguments' | 'unreadable-input' | 'output-failed' | 'export-failed' | 'queue-failed';

export class AuditError extends Error {
  constructor(
    readonly kind: AuditErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}
