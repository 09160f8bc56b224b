import { Controller, Get, Injectable, Logger, NotFoundException, Param, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { BILLING_PAGE_CSP } from '../billing-page/billing-page.controller';
import { Public } from '../common/auth/roles.decorator';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** As for the billing page: from dist/, the files are found in the source tree. */
const DIRS = [join(__dirname, 'assets'), resolve(__dirname, '../../../../../apps/api/src/status-page/assets')];

/** The page's few files, read once at boot. */
@Injectable()
export class StatusPageAssets {
  private readonly files = new Map<string, { body: Buffer; type: string }>();

  constructor() {
    const dir = DIRS.find((d) => existsSync(join(d, 'index.html')));
    if (!dir) {
      new Logger('StatusPage').warn(`status page assets not found (looked in ${DIRS.join(', ')}); /status answers 503`);
      return;
    }
    for (const name of readdirSync(dir)) if (TYPES[extname(name)]) this.files.set(name, { body: readFileSync(join(dir, name)), type: TYPES[extname(name)] });
  }

  get(name: string) {
    if (!this.files.has('index.html')) throw new ServiceUnavailableException('the status page is not installed on this server (its assets folder is missing)');
    const file = this.files.get(name);
    if (!file) throw new NotFoundException(`status page file ${name} not found`);
    return file;
  }
}

/**
 * The operators' status page, beside /billing and under the same CSP: static files only,
 * public because they hold no data; everything shown comes from the API with the admin key
 * the operator types in.
 */
@ApiExcludeController()
@Public()
@Controller('status')
export class StatusPageController {
  constructor(private readonly assets: StatusPageAssets) {}

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    const path = req.originalUrl.split('?')[0];
    if (!path.endsWith('/')) return res.redirect(301, `${path}/`);
    this.send(res, 'index.html');
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() res: Response): void {
    if (file === 'index.html') throw new NotFoundException('status page file index.html not found; open status/');
    this.send(res, file);
  }

  private send(res: Response, name: string): void {
    const asset = this.assets.get(name);
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Content-Security-Policy', BILLING_PAGE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).end(asset.body);
  }
}
