import { Controller, Get, NotFoundException, Param, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/roles.decorator';
import { BillingPageAssets, PageAsset } from './billing-page.assets';

/**
 * Strict CSP: only this origin's own script and style files, API calls to this origin, no
 * inline code, no framing. Data reaches the page only through fetch() with the user's key.
 */
export const BILLING_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Public on purpose: the page is static and holds no data. Every number it shows comes from
 * the REST API, which checks the key the user enters like any other caller's.
 */
@ApiExcludeController()
@Public()
@Controller('billing')
export class BillingPageController {
  constructor(private readonly assets: BillingPageAssets) {}

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    // Relative asset URLs resolve against the directory, so the page must be addressed as billing/.
    const path = req.originalUrl.split('?')[0];
    if (!path.endsWith('/')) return res.redirect(301, `${path}/`);
    this.send(res, this.asset('index.html'));
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() res: Response): void {
    if (file === 'index.html') throw new NotFoundException('billing page file index.html not found; open billing/');
    this.send(res, this.asset(file));
  }

  private asset(name: string): PageAsset {
    if (!this.assets.available) throw new ServiceUnavailableException('the billing page is not installed on this server (its assets folder is missing)');
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException(`billing page file ${name} not found`);
    return asset;
  }

  private send(res: Response, asset: PageAsset): void {
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Content-Security-Policy', BILLING_PAGE_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).end(asset.body);
  }
}
