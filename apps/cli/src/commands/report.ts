import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { query } from '../api-client';
import { info } from '../output';
import { clientFor } from './common';

const FORMATS = ['csv', 'json', 'xlsx', 'focus', 'pdf'] as const;
const ACCEPT: Record<string, string> = {
  csv: 'text/csv', focus: 'text/csv', json: 'application/json', pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** report.json → json, report.xlsx → xlsx, report.pdf → pdf, anything else csv (FOCUS only when asked: it is a CSV too). */
function formatOfFile(file: string): string {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  return ext === 'json' || ext === 'xlsx' || ext === 'pdf' ? ext : 'csv';
}

export function reportCommand(): Command {
  return new Command('report')
    .description("download a client's usage report (streams; see docs/reports.md for the columns)")
    .argument('<clientId>', 'client id (UUID)')
    .option('--from <date>', 'window start: YYYY-MM-DD (midnight in --tz) or an ISO timestamp; default: 30 days before --to')
    .option('--to <date>', 'window end (exclusive); default: now')
    .option('--tz <zone>', 'IANA time zone for dates, e.g. Europe/Berlin (default UTC)')
    .addOption(new Option('--format <format>', 'csv, json, xlsx, focus (FOCUS 1.2 CSV) or pdf (default: from the -o extension, else csv)').choices([...FORMATS]))
    .option('-o, --output <file>', 'write to this file (default: stdout)')
    .action(async (clientId: string, o, self: Command) => {
      const toFile = o.output && o.output !== '-';
      const format: string = o.format ?? (toFile ? formatOfFile(o.output) : 'csv');
      const q = query({ from: o.from, to: o.to, tz: o.tz, format });
      const res = await clientFor(self).request('GET', `/clients/${encodeURIComponent(clientId)}/report${q}`, undefined, ACCEPT[format]);
      const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
      if (!toFile) {
        await pipeline(body, process.stdout);
        return;
      }
      const bytes = await download(body, o.output);
      info(`Wrote ${o.output} (${bytes} bytes, ${res.headers.get('X-Report-Status') ?? 'unknown'} report; the server named it ${fileNameOf(res.headers.get('Content-Disposition'))})`);
    });
}

/**
 * Writes to <file>.part and renames when complete, so an interrupted download never leaves
 * a file that looks whole. The size is unknown up front (streamed), so the bar counts bytes.
 */
async function download(body: Readable, file: string): Promise<number> {
  const bar = new SingleBar({ format: 'downloading {file} | {kib} KiB', stream: process.stderr, hideCursor: true });
  let bytes = 0;
  bar.start(0, 0, { file, kib: 0 });
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      bar.update(0, { kib: (bytes / 1024).toFixed(0) });
      done(null, chunk);
    },
  });
  const part = `${file}.part`;
  try {
    await pipeline(body, count, createWriteStream(part));
    await rename(part, file);
    return bytes;
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  } finally {
    bar.stop();
  }
}

function fileNameOf(disposition: string | null): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? '-';
}
