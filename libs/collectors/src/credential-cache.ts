import { Injectable, NotFoundException } from '@nestjs/common';
import { AppConfig, InjectConfig, workerDatabaseShares } from '@tally/config';
import { CredentialsService, RevealedCredential } from '@tally/inventory';
import { Semaphore } from '@tally/runtime';

const FRESH_MS = 5 * 60_000;

/** A credential that cannot be used, whatever the state of Postgres: an outcome, not a retry. */
export class CredentialProblem extends Error {}

/**
 * Decrypted credentials, in the worker's memory only (never in job data, Redis or logs).
 * Re-read every few minutes so a rotated secret is picked up; when Postgres is unreachable
 * the last copy is used, so polling goes on through a database outage.
 *
 * Reads are bounded (workerDatabaseShares) and shared: sixty-four polls starting together
 * with one key make one read, never sixty-four waits for a connection.
 */
@Injectable()
export class CredentialCache {
  private readonly entries = new Map<string, { credential: RevealedCredential; at: number }>();
  private readonly reading = new Map<string, Promise<RevealedCredential>>();
  private readonly lookups: Semaphore;

  constructor(
    private readonly credentials: CredentialsService,
    @InjectConfig() config: AppConfig,
  ) {
    this.lookups = new Semaphore(workerDatabaseShares(config).credentialLookups);
  }

  get(id: string): Promise<RevealedCredential> {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < FRESH_MS) return Promise.resolve(hit.credential);
    let read = this.reading.get(id);
    if (!read) {
      read = this.read(id).finally(() => this.reading.delete(id));
      this.reading.set(id, read);
    }
    return read;
  }

  private async read(id: string): Promise<RevealedCredential> {
    const hit = this.entries.get(id);
    try {
      const credential = await this.lookups.use(() => this.credentials.reveal(id));
      this.entries.set(id, { credential, at: Date.now() });
      return credential;
    } catch (e) {
      if (e instanceof NotFoundException) throw new CredentialProblem(`credential ${id} does not exist`);
      if (/cannot be decrypted/.test((e as Error).message)) throw new CredentialProblem((e as Error).message);
      if (hit) return hit.credential;
      throw e;
    }
  }
}
