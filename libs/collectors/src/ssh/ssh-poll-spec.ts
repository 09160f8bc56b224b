/**
 * What a resource asks its poll to read beyond the built-ins: files to track and process
 * checks. Configured per resource (the API validates with `pollSpecProblems`); the command
 * builder embeds it, the parser names devices after it.
 */
export interface ProcessCheck {
  /** The device name of the `proc.check` series, e.g. "nginx". */
  label: string;
  /** Process name as the kernel keeps it (Linux truncates to 15 characters; compared alike). */
  process?: string;
  /** User name or numeric uid the process runs as. */
  user?: string;
  /** POSIX extended regular expression (awk) matched against the full command line. */
  commandLine?: string;
}

export interface SshPollSpec {
  /** Absolute paths: size, mtime and SHA-256 of each, a reason for one missing or unreadable. */
  files: readonly string[];
  processChecks: readonly ProcessCheck[];
}

export const EMPTY_POLL_SPEC: SshPollSpec = { files: [], processChecks: [] };

export const POLL_SPEC_LIMITS = {
  files: 32,
  processChecks: 32,
  pathLength: 1024,
  textLength: 256,
  /** A larger file gets size and mtime but no hash, with a reason: the poll stays bounded. */
  hashBytes: 64 * 1024 * 1024,
} as const;

/** Everything wrong with a spec, each naming the field; empty when usable. */
export function pollSpecProblems(spec: SshPollSpec): string[] {
  const problems: string[] = [];
  const text = (field: string, value: string | undefined, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length === 0) problems.push(`${field} must be a non-empty string`);
    else if (value.length > max) problems.push(`${field} is longer than ${max} characters`);
    else if (/[\0\n\r]/.test(value)) problems.push(`${field} must not contain NUL or line breaks`);
  };
  if (spec.files.length > POLL_SPEC_LIMITS.files) problems.push(`files: at most ${POLL_SPEC_LIMITS.files}`);
  spec.files.forEach((path, i) => {
    text(`files[${i}]`, path, POLL_SPEC_LIMITS.pathLength);
    if (typeof path === 'string' && !path.startsWith('/')) problems.push(`files[${i}] must be an absolute path`);
  });
  if (spec.processChecks.length > POLL_SPEC_LIMITS.processChecks) problems.push(`processChecks: at most ${POLL_SPEC_LIMITS.processChecks}`);
  const labels = new Set<string>();
  spec.processChecks.forEach((c, i) => {
    const at = `processChecks[${i}]`;
    text(`${at}.label`, c.label ?? '', POLL_SPEC_LIMITS.textLength);
    if (labels.has(c.label)) problems.push(`${at}.label "${c.label}" is used twice`);
    labels.add(c.label);
    text(`${at}.process`, c.process, POLL_SPEC_LIMITS.textLength);
    text(`${at}.user`, c.user, POLL_SPEC_LIMITS.textLength);
    text(`${at}.commandLine`, c.commandLine, POLL_SPEC_LIMITS.textLength);
    if (c.process === undefined && c.user === undefined && c.commandLine === undefined) {
      problems.push(`${at} needs at least one of process, user, commandLine`);
    }
    if (c.commandLine !== undefined) {
      // awk's ERE and JavaScript's syntax mostly agree; what JS rejects, awk would too.
      try {
        new RegExp(c.commandLine);
      } catch {
        problems.push(`${at}.commandLine is not a valid regular expression`);
      }
    }
  });
  return problems;
}
