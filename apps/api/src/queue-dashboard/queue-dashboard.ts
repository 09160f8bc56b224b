import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@tally/config';
import { JobProducer, QUEUE_NAMES } from '@tally/jobs';
import { ApiKeysService } from '@tally/tenancy';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { queueDashboardAuth } from './queue-dashboard-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues (docs/metrics.md), on the API's queues and so on its fails-fast
 * Redis connection: with Redis down the dashboard errors instead of hanging. Outside Nest's
 * router: bull-board brings its own Express router and static files, and this keeps it out of
 * the OpenAPI document. Off with TALLY_QUEUE_DASHBOARD=false (then a 404 like any unknown path).
 */
export function mountQueueDashboard(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  if (!config.queueDashboard.enabled) return;
  const producer = app.get(JobProducer);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(producer.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Tally queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, queueDashboardAuth(app.get(ApiKeysService), app.get(RateLimiter)), board.getRouter());
}
