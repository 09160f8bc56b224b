/** Postgres SQLSTATE codes the services turn into 4xx answers. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Socket-level failures Node reports when a peer cannot be reached or goes away. */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * What node-postgres and its pool say when the server cannot be reached or the connection drops;
 * they raise plain Errors without a code for these.
 */
const PG_UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

/**
 * True when the error means Postgres is unavailable (down, unreachable, restarting, refusing
 * connections) rather than that the request was wrong: the caller should retry, not fix input.
 * SQLSTATE class 08 is a connection exception; 57P01-57P03 an admin shutdown, crash or a server
 * that cannot accept connections yet; 53300 too many connections.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code))) return true;
  if (code && UNREACHABLE_SOCKET_CODES.has(code)) return true;
  const e = error as { message?: unknown; driverError?: { message?: unknown } };
  const message = [e?.message, e?.driverError?.message].filter((m) => typeof m === 'string').join(' ');
  return PG_UNREACHABLE_MESSAGES.test(message);
}
