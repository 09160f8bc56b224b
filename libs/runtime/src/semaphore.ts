/** Raised by `Semaphore.acquire` when no permit came free within the wait it was given. */
export class PermitTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no permit came free within ${waitedMs} ms`);
    this.name = 'PermitTimeoutError';
  }
}

export interface PermitLoad {
  /** Permits in all. */
  size: number;
  /** Permits held now. */
  inUse: number;
  /** Callers waiting in line for one. */
  waiting: number;
}

type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
  timer?: NodeJS.Timeout;
}

/**
 * At most `size` holders at once; the rest wait in line, first come first served. Bounds a
 * share of a connection pool in-process, where the pool itself cannot tell its users apart.
 */
export class Semaphore {
  private held = 0;
  private readonly line: Waiter[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a semaphore needs at least one permit (got ${size})`);
  }

  /** Resolves with a release function (call it exactly once); rejects after `timeoutMs` in line. */
  acquire(timeoutMs?: number): Promise<Release> {
    if (this.held < this.size && !this.line.length) return Promise.resolve(this.permit());
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          this.line.splice(this.line.indexOf(waiter), 1);
          reject(new PermitTimeoutError(timeoutMs));
        }, timeoutMs);
      }
      this.line.push(waiter);
    });
  }

  /** Runs `fn` holding a permit. */
  async use<T>(fn: () => Promise<T>, timeoutMs?: number): Promise<T> {
    const release = await this.acquire(timeoutMs);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  load(): PermitLoad {
    return { size: this.size, inUse: this.held, waiting: this.line.length };
  }

  private permit(): Release {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      const next = this.line.shift();
      if (next) {
        clearTimeout(next.timer);
        next.grant(this.permit());
      }
    };
  }
}
