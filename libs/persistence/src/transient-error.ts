/**
 * SQLSTATE codes (and classes) of PostgreSQL failures that say nothing about the event being
 * applied: the server or the connection is away, or the transaction lost a race. Retrying later
 * succeeds once the database is back.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57P01', // admin_shutdown (a terminated backend, a server stopping)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (the server is starting)
  '57014', // query_canceled (statement timeout, a cancelled backend)
]);
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53']; // connection_exception, insufficient_resources

/** Socket-level failures reaching PostgreSQL (Node's error codes). */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** What `pg` and its pool say when a connection broke or could not be had. */
const TRANSIENT_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether a handler's failure is the infrastructure's (PostgreSQL unreachable, restarting, a
 * connection cut, a deadlock or serialisation failure) rather than the event's: such a failure is
 * retried for as long as it lasts, never counted towards dead-lettering. Looks through TypeORM's
 * `QueryFailedError` (`driverError`) and `cause` chains.
 */
export function isTransientError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SOCKET_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
    }
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}
