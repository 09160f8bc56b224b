import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@tally/config';
import { PersistSamplesPayload } from '@tally/jobs';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** One spooled hand-off: a persist job's id and payload, as it would have sat in Redis. */
export interface SpoolEntry {
  jobId: string;
  data: PersistSamplesPayload;
}

/** What a spool holds now: the gauge an operator (or a metrics exporter) reads. */
export interface SpoolStats {
  dir: string;
  entries: number;
  bytes: number;
  maxBytes: number;
  /** Entries refused since boot because they did not fit. */
  refused: number;
}

/** Raised at boot when the spool directory cannot be made or written. */
export class SpoolUnusableError extends Error {}

const SUFFIX = '.json';
const TMP = '.tmp';
/** Job ids are made of the job kind, a slot's epoch ms and resource ids or a digest (libs/jobs slots.ts). */
const SAFE_ID = /^[A-Za-z0-9._-]+$/;

/**
 * The worker's disk spool: readings polled but not yet in Postgres, one file per persist job
 * (`<jobId>.json`), written to a temporary name, fsynced, renamed into place and the directory
 * fsynced, so an entry is either whole on disk or absent, whatever crash comes. Files rather
 * than an embedded database: each entry is written once and deleted once (no updates, no
 * queries), the writes go through libuv's thread pool instead of blocking the event loop for
 * each fsync (a synchronous SQLite commit would, thousands of times a slot), nothing native is
 * installed, and an operator can read an entry with `cat`. Bounded by `maxBytes`: an entry that
 * does not fit is refused and the caller decides, since only it can say so on the run.
 */
@Injectable()
export class ReadingsSpool implements OnModuleInit {
  private readonly logger = new Logger('Spool');
  readonly dir: string;
  readonly maxBytes: number;
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private refusedCount = 0;
  /** Bytes promised to writes in flight, so parallel writes cannot overshoot the bound together. */
  private reserved = 0;
  /** Names this instance's temporary files: several workers (or two in one test process) may share the directory. */
  private readonly tmpSuffix = `.${process.pid}-${randomBytes(4).toString('hex')}${TMP}`;

  constructor(@InjectConfig() config: AppConfig) {
    this.dir = resolve(config.collection.spool.dir);
    this.maxBytes = config.collection.spool.maxBytes;
  }

  /** Creates the directory, proves it writable (a spool that fails at the first outage is worse than none), and counts what a previous run left. */
  async onModuleInit(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      const probe = join(this.dir, `.probe${this.tmpSuffix}`);
      await this.writeSynced(probe, Buffer.from('probe'));
      await unlink(probe);
    } catch (e) {
      throw new SpoolUnusableError(
        `the readings spool directory ${this.dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): `
        + 'set TALLY_SPOOL_DIR to a writable directory on persistent storage (docs/collection.md)',
      );
    }
    await this.rescan();
    const { entries, bytes } = this.stats();
    if (entries) this.logger.warn({ dir: this.dir, entries, bytes }, 'spool holds readings from before this start; they are replayed');
  }

  /** Writes entries durably (fsynced) before resolving; returns the ids refused because the spool is full. */
  async put(entries: readonly SpoolEntry[]): Promise<{ stored: string[]; refused: string[] }> {
    const stored: string[] = [];
    const refused: string[] = [];
    const written: { tmp: string; file: string; jobId: string; size: number; previous: number }[] = [];
    try {
      for (const entry of entries) {
        if (!SAFE_ID.test(entry.jobId)) throw new Error(`job id ${entry.jobId} cannot name a spool file`);
        const body = Buffer.from(JSON.stringify({ v: 1, jobId: entry.jobId, data: entry.data }));
        const previous = this.sizes.get(entry.jobId) ?? 0;
        if (this.bytes + this.reserved - previous + body.length > this.maxBytes) {
          refused.push(entry.jobId);
          continue;
        }
        this.reserved += body.length;
        const file = this.file(entry.jobId);
        const tmp = `${file}${this.tmpSuffix}`;
        written.push({ tmp, file, jobId: entry.jobId, size: body.length, previous });
        await this.writeSynced(tmp, body);
      }
      for (const w of written) await rename(w.tmp, w.file);
      if (written.length) await this.syncDir();
      for (const w of written) {
        this.account(w.jobId, w.size);
        stored.push(w.jobId);
      }
    } finally {
      for (const w of written) this.reserved -= w.size;
    }
    if (refused.length) {
      this.refusedCount += refused.length;
      this.logger.error({ ...this.stats(), refusedNow: refused.length }, 'spool full: readings refused (TALLY_SPOOL_MAX_BYTES)');
    }
    return { stored, refused };
  }

  async read(jobId: string): Promise<SpoolEntry | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.file(jobId), 'utf8')) as SpoolEntry & { v: number };
      return { jobId: parsed.jobId, data: parsed.data };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.account(jobId, 0);
        return undefined;
      }
      throw e;
    }
  }

  /** Once its readings are in Postgres. Not fsynced: an entry that comes back after a crash is replayed, which changes nothing. */
  async remove(jobId: string): Promise<void> {
    if (!this.sizes.has(jobId)) return;
    await unlink(this.file(jobId)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    this.account(jobId, 0);
  }

  has(jobId: string): boolean {
    return this.sizes.has(jobId);
  }

  /** Ids of the entries held, as last counted. */
  ids(): string[] {
    return [...this.sizes.keys()];
  }

  /**
   * Counts the directory again: another worker sharing it may have added or replayed entries.
   * Leftover temporary files of this process are removed (a write cut short by a crash).
   */
  async rescan(): Promise<void> {
    const names = await readdir(this.dir);
    const seen = new Set<string>();
    for (const name of names) {
      if (name.endsWith(this.tmpSuffix) && !this.reserved) await unlink(join(this.dir, name)).catch(() => undefined);
      if (!name.endsWith(SUFFIX)) continue;
      const jobId = name.slice(0, -SUFFIX.length);
      seen.add(jobId);
      if (!this.sizes.has(jobId)) {
        const size = await stat(join(this.dir, name)).then((s) => s.size, () => undefined);
        if (size !== undefined) this.account(jobId, size);
      }
    }
    for (const jobId of [...this.sizes.keys()]) if (!seen.has(jobId)) this.account(jobId, 0);
    // Temporary files of processes that died: anything not renamed is not an entry.
    for (const name of names) {
      const match = /\.(\d+)-[0-9a-f]+\.tmp$/.exec(name);
      if (match && !isAlive(Number(match[1]))) await unlink(join(this.dir, name)).catch(() => undefined);
    }
  }

  stats(): SpoolStats {
    return { dir: this.dir, entries: this.sizes.size, bytes: this.bytes, maxBytes: this.maxBytes, refused: this.refusedCount };
  }

  private file(jobId: string): string {
    return join(this.dir, `${jobId}${SUFFIX}`);
  }

  private account(jobId: string, size: number): void {
    this.bytes -= this.sizes.get(jobId) ?? 0;
    if (size) this.sizes.set(jobId, size);
    else this.sizes.delete(jobId);
    this.bytes += size;
  }

  private async writeSynced(path: string, body: Buffer): Promise<void> {
    const fh = await open(path, 'w', 0o600);
    try {
      await fh.writeFile(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** A rename is durable only once its directory is. */
  private async syncDir(): Promise<void> {
    const fh = await open(this.dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
