import { AddressInfo } from 'node:net';
import { startApi, TestApi } from '../support/api-app';
import { runFuzz, summary } from '../support/fuzz/fuzzer';

// The fuzz script (npm run fuzz) sets these; npm test runs the bounded default.
const REQUESTS = Number(process.env.TALLY_FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.TALLY_FUZZ_SEED ?? 20261201);
const REMOTE = process.env.TALLY_FUZZ_URL;

/**
 * Issue 8: every operation of the OpenAPI document, with valid and spoiled input, as admin,
 * billing and client keys and with none. No 5xx, one error shape with a request id, every
 * answer as documented. Replay a failure with TALLY_FUZZ_SEED (printed) and the same count.
 */
describe('OpenAPI-driven fuzzing', () => {
  let api: TestApi | undefined;
  let baseUrl: string;
  let adminKey: string;
  beforeAll(async () => {
    if (REMOTE) {
      baseUrl = REMOTE.replace(/\/$/, '');
      adminKey = process.env.TALLY_FUZZ_KEY ?? '';
      return;
    }
    api = await startApi({ TALLY_BODY_LIMIT: '256kb' });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    adminKey = api.adminKey;
  });
  afterAll(() => api?.close());

  it(`answers ${REQUESTS} generated requests as documented, without a 5xx`, async () => {
    const started = Date.now();
    const result = await runFuzz({ baseUrl, adminKey, requests: REQUESTS, seed: SEED }, (done) => {
      if (REQUESTS > 5000) process.stderr.write(`fuzz: ${done}/${REQUESTS}\n`);
    });
    process.stderr.write(`${summary(result, SEED)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const replay = `replay: TALLY_FUZZ_SEED=${SEED} TALLY_FUZZ_REQUESTS=${REQUESTS} npx jest test/api/fuzz.int-spec.ts`;
    const failures = result.failures.length ? `${result.failures.length} failures (${replay}):\n${result.failures.slice(0, 15).join('\n')}` : '';
    expect({ serverErrors: result.serverErrors, failures }).toEqual({ serverErrors: 0, failures: '' });
    expect(result.requests).toBe(REQUESTS);
  }, 30 * 60_000);
});
