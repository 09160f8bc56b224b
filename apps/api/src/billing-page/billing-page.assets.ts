import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

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

/**
 * The chart library, served from this origin (the page's CSP allows no CDN). Read from the
 * installed chart.js package rather than copied into assets/: it is a production dependency, so
 * every install and the Docker image have it, the served file is always the locked version,
 * and no generated copy sits in git or can be forgotten by a dist-only deployment.
 */
export const VENDOR_FILES: Record<string, () => string> = {
  'chart.umd.min.js': () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
};

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
    for (const [name, path] of Object.entries(VENDOR_FILES)) {
      try {
        this.files.set(name, { body: readFileSync(path()), type: TYPES['.js'] });
      } catch (e) {
        this.logger.warn(`billing page: ${name} not found (${(e as Error).message}); the usage chart will not draw`);
      }
    }
  }

  get(name: string): PageAsset | undefined {
    return this.files.get(name);
  }

  get available(): boolean {
    return this.files.has('index.html');
  }
}
