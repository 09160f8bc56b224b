import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ENV } from './test-env';

// Each Jest worker gets its own BullMQ prefix so suites never see each other's queues.
for (const [k, v] of Object.entries(TEST_ENV)) process.env[k] = v;
process.env.TALLY_QUEUE_PREFIX = `tally-test-${process.pid}`;
// And its own readings spool, so a worker never replays another suite's entries.
process.env.TALLY_SPOOL_DIR = join(tmpdir(), 'tally-test-spool', String(process.pid));
