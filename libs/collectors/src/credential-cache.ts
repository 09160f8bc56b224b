import { Injectable, NotFoundException } from '@nestjs/common';
import { CredentialsService, RevealedCredential } from '@tally/inventory';

const FRESH_MS = 5 * 60_000;

/** A credential that cannot be used, whatever the state of Postgres: an outcome, not a retry. */
export class CredentialProblem extends Error {}

/**
 * Decrypted credentials, in the worker's memory only (never in job data, Redis or logs).
 * Re-read every few minutes so a rotated secret is picked up; when Postgres is unreachable
 * the last copy is used, so polling goes on through a database outage.
 */
@Injectable()
export class CredentialCache {
  private readonly entries = new Map<string, { credential: RevealedCredential; at: number }>();

  constructor(private readonly credentials: CredentialsService) {}

  async get(id: string): Promise<RevealedCredential> {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < FRESH_MS) return hit.credential;
    try {
      const credential = await this.credentials.reveal(id);
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
