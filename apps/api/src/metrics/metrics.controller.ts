import { Controller, ForbiddenException, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig, InjectConfig } from '@tally/config';
import { metricsAccess, METRICS_REFUSED, MetricsRegistry } from '@tally/metrics';
import type { Request, Response } from 'express';
import { clientAddress, isLoopback } from '../common/auth/client-address';
import { Public } from '../common/auth/roles.decorator';

/**
 * GET /metrics, the Prometheus exposition (docs/metrics.md). Outside /api/v1 and left out of
 * the OpenAPI document: it is for a scraper, not an integration; it speaks Prometheus's text
 * format, not JSON; and it takes the metrics token, not an API key, so the generated CLI
 * client and the fuzzer have no business with it. No API key: a scraper should not hold one.
 *
 * With TALLY_METRICS_TOKEN set it wants that bearer token; without, it answers local callers
 * only (the address Express resolves under `trust proxy`, so a local reverse proxy does not
 * make the world local).
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metrics.token;
    if (token) {
      const access = metricsAccess(token, req.headers.authorization);
      if (access !== 'allowed') {
        res.setHeader('WWW-Authenticate', 'Bearer realm="tally-metrics"');
        throw new UnauthorizedException(METRICS_REFUSED[access]);
      }
    } else if (!isLoopback(clientAddress(req))) {
      throw new ForbiddenException('Metrics are served to local callers only; set TALLY_METRICS_TOKEN to scrape from elsewhere');
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    // end(), not send(): send() would rewrite the exposition format's Content-Type.
    res.end(await this.metrics.text());
  }
}
