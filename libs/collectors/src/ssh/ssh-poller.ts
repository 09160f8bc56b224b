import { performance } from 'perf_hooks';
import { AlgorithmList, Algorithms, Client, ClientChannel, ParsedKey, PublicKeyAuthMethod } from 'ssh2';
import { hostKeyFingerprint, sameFingerprint } from './host-key-fingerprint';
import { PollParseError } from './poll-parse.error';
import { loadPrivateKey } from './private-key.cache';
import { buildSshPollCommand, SSH_POLL_COMMAND } from './ssh-command';
import { parseSshOutput, SshPollValues, SshReading, storedValues } from './ssh-output.parser';
import { EMPTY_POLL_SPEC, SshPollSpec } from './ssh-poll-spec';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** PEM/OpenSSH text, or a key already parsed with `loadPrivateKey`. */
  privateKey: string | Buffer | ParsedKey;
  passphrase?: string;
  /** `SHA256:<base64>` as OpenSSH prints it; null = trust on first use. */
  expectedHostKeySha256: string | null;
  /** Files to track and process checks configured on the resource; none by default. */
  spec?: SshPollSpec;
}

export interface SshPollOptions {
  /** TCP connect + SSH handshake + authentication. */
  connectTimeoutMs: number;
  /** From authenticated to the command's output fully read. */
  commandTimeoutMs: number;
  /** A host that floods stdout is cut off rather than filling memory. Default 1 MiB. */
  maxOutputBytes?: number;
}

export type SshPollStage = 'connect' | 'hostkey' | 'auth' | 'exec' | 'parse' | 'timeout';

export interface SshPollSuccess {
  ok: true;
  /** The host key seen; on first contact the caller stores it as the pin. */
  fingerprint: string;
  /** Null when the host's boot id was unreadable; the reading then holds no counter. */
  bootId: string | null;
  /** The per-host values stored today (design §3); a section that broke is absent here, with a reason in `reading`. */
  values: SshPollValues;
  /** Everything read: per-host and per-device values, facts, and a reason for each value missing. */
  reading: SshReading;
  durationMs: number;
}

export interface SshPollFailure {
  ok: false;
  fingerprint?: string;
  reason: string;
  stage: SshPollStage;
  durationMs: number;
}

export type SshPollResult = SshPollSuccess | SshPollFailure;

/**
 * Fast and supported by every stock OpenSSH since 6.5: curve25519 key exchange, ed25519
 * host keys, AES-GCM (hardware AES, no separate MAC). Preferred, not exclusive, so older
 * servers still negotiate. The host key type decides the fingerprint, so this order must
 * stay stable or pinned fingerprints stop matching.
 */
const ALGORITHMS: Algorithms = {
  // remove-then-prepend moves an algorithm to the front of ssh2's defaults.
  kex: preferred('curve25519-sha256', 'curve25519-sha256@libssh.org'),
  serverHostKey: preferred('ssh-ed25519'),
  cipher: preferred('aes128-gcm@openssh.com'),
  // The output is a few KiB: compressing costs more CPU than it saves.
  compress: ['none'],
};

function preferred<T>(...first: T[]): AlgorithmList<T> {
  return { remove: first, prepend: first, append: [] };
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;

/**
 * Polls one node over SSH: one connection, one exec of `SSH_POLL_COMMAND`, parsed.
 * Never throws and never rejects for a host problem: every failure is a result with the
 * stage it happened in and a reason an operator can act on.
 */
export function pollHost(target: SshTarget, options: SshPollOptions): Promise<SshPollResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // A caller bug, not a host problem: without both limits one poll could hang forever.
  for (const name of ['connectTimeoutMs', 'commandTimeoutMs'] as const) {
    const ms = options[name];
    if (!Number.isFinite(ms) || ms <= 0) return Promise.reject(new RangeError(`${name} must be a positive number, got ${ms}`));
  }
  let key: ParsedKey;
  try {
    key = loadPrivateKey(target.privateKey, target.passphrase);
  } catch (e) {
    return Promise.resolve({ ok: false, stage: 'auth', reason: `private key unusable: ${message(e)}`, durationMs: elapsed() });
  }

  const auth: PublicKeyAuthMethod = { type: 'publickey', username: target.username, key };
  const spec = target.spec ?? EMPTY_POLL_SPEC;
  let command: string;
  try {
    command = spec.files.length || spec.processChecks.length ? buildSshPollCommand(spec) : SSH_POLL_COMMAND;
  } catch (e) {
    return Promise.resolve({ ok: false, stage: 'exec', reason: message(e), durationMs: elapsed() });
  }

  return new Promise((resolve) => {
    const conn = new Client();
    let fingerprint: string | undefined;
    let mismatch: string | undefined;
    let handshakeDone = false;
    let ready = false;
    let settled = false;
    let commandTimer: NodeJS.Timeout | undefined;

    const fail = (stage: SshPollStage, reason: string) =>
      finish(fingerprint === undefined ? { ok: false, stage, reason } : { ok: false, stage, reason, fingerprint });
    function finish(result: Omit<SshPollSuccess, 'durationMs'> | Omit<SshPollFailure, 'durationMs'>) {
      if (settled) return;
      settled = true;
      clearTimeout(commandTimer);
      // A clean goodbye after success; on failure (or a hung command) just drop it.
      if (result.ok) conn.end();
      else conn.destroy();
      resolve({ ...result, durationMs: elapsed() });
    }

    // Also swallows errors emitted after we settled (a late socket reset, say).
    conn.on('error', (err: Error & { level?: string }) => {
      if (mismatch) return fail('hostkey', mismatch);
      switch (err.level) {
        case 'client-timeout':
          return fail('timeout', handshakeDone
            ? `authentication did not finish within ${options.connectTimeoutMs} ms`
            : `no SSH handshake within ${options.connectTimeoutMs} ms`);
        case 'client-authentication':
          return fail('auth', `public key for "${target.username}" refused`);
        case 'client-socket':
        case 'client-dns':
          return fail('connect', err.message);
        default:
          return fail(ready ? 'exec' : 'connect', err.message);
      }
    });
    conn.on('handshake', () => (handshakeDone = true));
    conn.on('close', () => fail(ready ? 'exec' : 'connect', 'connection closed by the host'));
    conn.on('ready', () => {
      ready = true;
      commandTimer = setTimeout(
        () => fail('timeout', `command did not finish within ${options.commandTimeoutMs} ms`),
        options.commandTimeoutMs,
      );
      conn.exec(command, (err, stream) => {
        if (err) return fail('exec', `exec refused: ${err.message}`);
        readCommand(stream, options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT, (outcome) => {
          if ('stage' in outcome) return fail(outcome.stage, outcome.reason);
          try {
            const reading = parseSshOutput(outcome.stdout, spec);
            finish({ ok: true, fingerprint: fingerprint as string, bootId: reading.bootId, values: storedValues(reading), reading });
          } catch (e) {
            fail('parse', e instanceof PollParseError ? e.message : `unreadable output: ${message(e)}`);
          }
        });
      });
    });

    try {
      conn.connect({
        host: target.host,
        port: target.port,
        username: target.username,
        authHandler: [auth],
        readyTimeout: options.connectTimeoutMs,
        algorithms: ALGORITHMS,
        hostVerifier: (hostKey: Buffer) => {
          fingerprint = hostKeyFingerprint(hostKey);
          const expected = target.expectedHostKeySha256;
          if (expected === null || sameFingerprint(expected, fingerprint)) return true;
          mismatch = `host key mismatch: expected ${expected}, got ${fingerprint}`;
          return false;
        },
      });
    } catch (e) {
      fail('connect', message(e));
    }
  });
}

type CommandOutcome = { stdout: string } | { stage: SshPollStage; reason: string };

/** Collects the command's output and judges its exit; parsing is the caller's. */
function readCommand(stream: ClientChannel, maxBytes: number, done: (o: CommandOutcome) => void) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let bytes = 0;
  let exit: { code: number | null; signal?: string } | undefined;
  let over = false;
  const take = (into: Buffer[]) => (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= maxBytes) into.push(chunk);
    else if (!over) {
      over = true;
      done({ stage: 'exec', reason: `command output exceeds ${maxBytes} bytes` });
    }
  };
  stream.on('data', take(out));
  stream.stderr.on('data', take(err));
  stream.on('exit', (code: number | null, signal?: string) => (exit = { code, signal }));
  stream.on('close', () => {
    if (over) return;
    const stdout = Buffer.concat(out).toString('utf8');
    const stderr = oneLine(Buffer.concat(err).toString('utf8'));
    const withStderr = stderr ? `: ${stderr}` : '';
    if (!exit) return done({ stage: 'exec', reason: `command ended without an exit status${withStderr}` });
    if (exit.code === null) return done({ stage: 'exec', reason: `command killed by signal ${exit.signal}${withStderr}` });
    if (exit.code !== 0) return done({ stage: 'exec', reason: `command exited with ${exit.code}${withStderr}` });
    if (stdout.trim() === '') return done({ stage: 'exec', reason: `command printed nothing${stderr ? ` on stdout; stderr: ${stderr}` : ''}` });
    done({ stdout });
  });
}

/** All of stderr on one line: a login warning often comes before the real error. */
function oneLine(text: string): string {
  const line = text.trim().split(/\s*\n\s*/).join(' | ');
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
