import { createServer } from 'node:net';
import { defaultRapiUrl, fetchInstances, RapiCluster, RapiFetchResult } from '../../libs/collectors/src/ganeti';
import { RapiTestCertificates } from '../support/rapi-certs';
import { generateRapiInstances, serveGeneratedClusters } from '../support/rapi-generator';
import { RapiStandin, startSilentTcpServer } from '../support/rapi-standin';

const USER = 'tally-reader';
// A colon and non-ASCII: Basic auth must split on the first colon and encode UTF-8.
const PASSWORD = 'pä:ss word';
const TIMEOUTS = { connectTimeoutMs: 2000, totalTimeoutMs: 5000 };

let standin: RapiStandin;
let certs: RapiTestCertificates;

beforeAll(async () => {
  standin = await RapiStandin.start({ username: USER, password: PASSWORD });
  certs = standin.certificates;
});
afterAll(() => standin.close());
afterEach(() => {
  standin.setMode('ok');
  standin.presentCertificate('main');
  standin.requests.length = 0;
});

function cluster(over: Partial<RapiCluster> = {}): RapiCluster {
  return {
    fqdn: 'ganeti.example.org', rapiUrl: standin.url, username: USER, password: PASSWORD,
    tlsMode: 'ca', caCertificate: certs.main.caCert, ...over,
  };
}

function failure(result: RapiFetchResult) {
  if (result.ok) throw new Error(`expected a failure, got ${result.instances.length} instances`);
  return result;
}

describe('fetchInstances: TLS', () => {
  it('reads the fixture cluster in ca mode, sending Basic credentials and Accept: json', async () => {
    const result = await fetchInstances(cluster(), TIMEOUTS);
    if (!result.ok) throw new Error(`${result.stage}: ${result.reason}`);
    expect(result.instances).toHaveLength(11);
    expect(result.problems).toEqual([]);
    expect(result.fetchedAt).toBeInstanceOf(Date);
    expect(Math.abs(result.fetchedAt.getTime() - Date.now())).toBeLessThan(5000);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(standin.requests).toEqual([{
      method: 'GET', path: '/2/instances?bulk=1', accept: 'application/json',
      credentials: { username: USER, password: PASSWORD },
    }]);
  });

  it.each([
    ['as openssl prints it', () => certs.main.serverFingerprint],
    ['as bare lowercase hex', () => certs.main.serverFingerprint.replace(/:/g, '').toLowerCase()],
  ])('accepts the pinned leaf in fingerprint mode, %s', async (_label, pin) => {
    const result = await fetchInstances(cluster({ tlsMode: 'fingerprint', caCertificate: null, tlsFingerprintSha256: pin() }), TIMEOUTS);
    expect(result.ok && result.instances.length).toBe(11);
  });

  it('trusts a self-signed RAPI certificate given as the CA (what gnt-cluster init makes)', async () => {
    standin.presentCertificate('selfSigned');
    const result = await fetchInstances(cluster({ caCertificate: certs.selfSigned.caCert }), TIMEOUTS);
    expect(result.ok && result.instances.length).toBe(11);
  });

  it('refuses a certificate from another CA in ca mode, before sending credentials', async () => {
    standin.presentCertificate('other');
    const result = failure(await fetchInstances(cluster(), TIMEOUTS));
    expect(result.stage).toBe('tls');
    expect(result.reason).toMatch(/not signed by the configured CA/);
    expect(standin.requests).toEqual([]);
  });

  it('refuses a leaf whose fingerprint is not the pinned one, before sending credentials', async () => {
    const pinned = cluster({ tlsMode: 'fingerprint', tlsFingerprintSha256: certs.other.serverFingerprint });
    const result = failure(await fetchInstances(pinned, TIMEOUTS));
    expect(result.stage).toBe('tls');
    expect(result.reason).toContain(`fingerprint ${certs.main.serverFingerprint} does not match`);
    expect(standin.requests).toEqual([]);
  });

  it('refuses a private CA in system mode', async () => {
    const result = failure(await fetchInstances(cluster({ tlsMode: 'system', caCertificate: null }), TIMEOUTS));
    expect(result.stage).toBe('tls');
    expect(result.reason).toMatch(/not signed by a public CA/);
  });

  it('skips verification in insecure mode, whatever the certificate', async () => {
    standin.presentCertificate('other');
    const result = await fetchInstances(cluster({ tlsMode: 'insecure', caCertificate: null }), TIMEOUTS);
    expect(result.ok && result.instances.length).toBe(11);
  });

  it('reports an unusable TLS setting without connecting', async () => {
    const result = failure(await fetchInstances(cluster({ tlsMode: 'fingerprint', tlsFingerprintSha256: 'nope' }), TIMEOUTS));
    expect(result.stage).toBe('tls');
    expect(standin.requests).toEqual([]);
  });
});

describe('fetchInstances: HTTP and content', () => {
  it('reports wrong credentials as an authentication failure', async () => {
    const result = failure(await fetchInstances(cluster({ password: 'wrong' }), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'http', reason: expect.stringMatching(/authentication.*401/) });
  });

  it('says when no credentials are configured but the RAPI wants them', async () => {
    const result = failure(await fetchInstances(cluster({ username: null, password: null }), TIMEOUTS));
    expect(result.reason).toMatch(/authentication.*no RAPI user is configured/);
    expect(standin.requests[0].credentials).toBeUndefined();
  });

  it('reports a 500 with the status and Ganeti\'s own message', async () => {
    standin.setMode('server-error');
    const result = failure(await fetchInstances(cluster(), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'http', reason: expect.stringMatching(/HTTP 500.*Error while querying/) });
  });

  it('refuses an HTML page served as text/html', async () => {
    standin.setMode('html');
    const result = failure(await fetchInstances(cluster(), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'content-type', reason: expect.stringMatching(/HTML/) });
  });

  it('refuses truncated JSON', async () => {
    standin.setMode('truncated-json');
    const result = failure(await fetchInstances(cluster(), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'json', reason: expect.stringMatching(/truncated/) });
  });

  it('notices a connection dropped in the middle of the body', async () => {
    standin.setMode('reset-mid-body');
    const result = failure(await fetchInstances(cluster(), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'http', reason: expect.stringMatching(/before the answer was complete|cut off/) });
  });

  it('stops reading past the body size limit, declared or streamed', async () => {
    const declared = failure(await fetchInstances(cluster(), { ...TIMEOUTS, maxBodyBytes: 4096 }));
    expect(declared).toMatchObject({ stage: 'http', reason: expect.stringMatching(/is 18427 bytes, over the 4096-byte limit/) });
    standin.setMode('trickle', 1); // no Content-Length: only counting the bytes can catch it
    const streamed = failure(await fetchInstances(cluster(), { ...TIMEOUTS, maxBodyBytes: 10 }));
    expect(streamed).toMatchObject({ stage: 'http', reason: expect.stringMatching(/grew past the 10-byte limit/) });
  });

  it('fails the cluster when the answer is JSON but not a list of instances', async () => {
    const url = standin.addCluster('broken', Buffer.from('{"code":500,"message":"Job queue drained"}'));
    const result = failure(await fetchInstances(cluster({ rapiUrl: url }), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'shape', reason: expect.stringMatching(/Job queue drained/) });
  });

  it('keeps good instances and reports a bad one', async () => {
    const [good, bad] = generateRapiInstances({ count: 2 });
    delete (bad.beparams as Record<string, unknown>).vcpus;
    const result = await fetchInstances(cluster({ rapiUrl: standin.addCluster('partial', [good, bad]) }), TIMEOUTS);
    if (!result.ok) throw new Error(result.reason);
    expect(result.instances.map((i) => i.name)).toEqual(['vm-00000.example.org']);
    expect(result.problems).toEqual([{ name: 'vm-00001.example.org', index: 1, reason: expect.stringMatching(/vcpus/) }]);
  });
});

describe('fetchInstances: time limits and connection failures', () => {
  const short = { connectTimeoutMs: 2000, totalTimeoutMs: 500 };

  it('gives up on a server that accepts the request and never answers', async () => {
    standin.setMode('hang');
    const t0 = Date.now();
    const result = failure(await fetchInstances(cluster(), short));
    expect(result).toMatchObject({ stage: 'timeout', reason: expect.stringMatching(/500 ms/) });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(standin.requests).toHaveLength(1);
  });

  it('waits for slow headers within the limit and not beyond it', async () => {
    standin.setMode('slow-headers', 200);
    expect((await fetchInstances(cluster(), { connectTimeoutMs: 2000, totalTimeoutMs: 3000 })).ok).toBe(true);
    standin.setMode('slow-headers', 3000);
    const t0 = Date.now();
    expect(failure(await fetchInstances(cluster(), short)).stage).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('does not let a trickling body extend the total timeout', async () => {
    standin.setMode('trickle', 50);
    const t0 = Date.now();
    const result = failure(await fetchInstances(cluster(), short));
    expect(result).toMatchObject({ stage: 'timeout', reason: expect.stringMatching(/reading the answer/) });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('gives up on a listener that never completes the TLS handshake', async () => {
    const silent = await startSilentTcpServer();
    try {
      const t0 = Date.now();
      const slowTls = cluster({ rapiUrl: `https://127.0.0.1:${silent.port}` });
      const result = failure(await fetchInstances(slowTls, { connectTimeoutMs: 300, totalTimeoutMs: 5000 }));
      expect(result).toMatchObject({ stage: 'timeout', reason: expect.stringMatching(/no TLS connection.*300 ms/) });
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('reports a refused connection at the connect stage', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const result = failure(await fetchInstances(cluster({ rapiUrl: `https://127.0.0.1:${port}` }), TIMEOUTS));
    expect(result).toMatchObject({ stage: 'connect', reason: expect.stringMatching(/refused/) });
  });

  it('refuses a plain-http URL and builds the default one from the FQDN', async () => {
    expect(failure(await fetchInstances(cluster({ rapiUrl: 'http://127.0.0.1:5080' }), TIMEOUTS)).stage).toBe('connect');
    expect(defaultRapiUrl('ganeti.example.org')).toBe('https://ganeti.example.org:5080');
  });
});

describe('fetchInstances: generated clusters', () => {
  it('reads 5 clusters of 1,000 realistic instances each, in parallel', async () => {
    const clusters = serveGeneratedClusters(standin, { clusters: 5, instancesPerCluster: 1000, shape: 'mixed' });
    const results = await Promise.all(clusters.map((c) => fetchInstances(cluster({ fqdn: c.fqdn, rapiUrl: c.rapiUrl }), TIMEOUTS)));
    for (const r of results) {
      if (!r.ok) throw new Error(r.reason);
      expect(r.problems).toEqual([]);
      expect(r.instances).toHaveLength(1000);
    }
    const names = results.flatMap((r) => (r.ok ? r.instances.map((i) => i.name) : []));
    expect(new Set(names).size).toBe(5000);
    expect(names).toContain('vm-04999.example.org');
  });
});
