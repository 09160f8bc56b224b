import { Command, Option } from 'commander';
import { UsageError } from './errors';

/**
 * The one place the CLI's configuration comes from: flags, or else the TALLY_URL and
 * TALLY_API_KEY environment variables, which commander's Option.env() reads for us.
 */
export const DEFAULT_URL = 'http://localhost:3000';

export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option('--url <url>', 'Tally API base URL').env('TALLY_URL').default(DEFAULT_URL))
    .addOption(new Option('--key <key>', 'API key (prefer the env var: flags show up in process lists and shell history)').env('TALLY_API_KEY'))
    .option('--json', 'print the API response as JSON (for scripts) instead of a table');
}

export interface Connection {
  url: string;
  key: string;
}

export interface GlobalOptions {
  url: string;
  key?: string;
  json?: boolean;
}

export function globalsOf(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function connectionOf(cmd: Command): Connection {
  const { url, key } = globalsOf(cmd);
  if (!key) throw new UsageError('no API key: pass --key <key> or set TALLY_API_KEY');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url: "${url}" is not a URL (e.g. http://localhost:3000)`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) throw new UsageError(`--url: must be http:// or https:// (got ${parsed.protocol})`);
  return { url: url.replace(/\/+$/, ''), key };
}
