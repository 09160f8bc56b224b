import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

export interface PageAsset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * tsc compiles only .ts, so from dist/ the page's files are found in the source tree (the quick
 * start runs from a checkout); an image that ships only dist/ must copy the assets folder next
 * to this file (see docs/reports.md).
 */
export const ASSET_DIRS = [join(__dirname, 'assets'), resolve(__dirname, '../../../../../apps/api/src/billing-page/assets')];

/** The page's few small files, read once at boot; nothing else on disk can be served. */
@Injectable()
export class BillingPageAssets {
  private readonly logger = new Logger('BillingPage');
  readonly dir = ASSET_DIRS.find((d) => existsSync(join(d, 'index.html')));
  private readonly files = new Map<string, PageAsset>();

  constructor() {
    if (!this.dir) {
      this.logger.warn(`billing page assets not found (looked in ${ASSET_DIRS.join(', ')}); /billing answers 503`);
      return;
    }
    for (const name of readdirSync(this.dir)) {
      const type = TYPES[extname(name)];
      if (type) this.files.set(name, { body: readFileSync(join(this.dir, name)), type });
    }
  }

  get(name: string): PageAsset | undefined {
    return this.files.get(name);
  }

  get available(): boolean {
    return this.files.has('index.html');
  }
}
