import { TEST_ENV } from './test-env';

// Each Jest worker gets its own BullMQ prefix so suites never see each other's queues.
for (const [k, v] of Object.entries(TEST_ENV)) process.env[k] = v;
process.env.TALLY_QUEUE_PREFIX = `tally-test-${process.pid}`;
