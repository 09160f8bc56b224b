import { METRICS, SCRAPE_READ_TIMEOUT_MS } from './metric-names';
import { metricsAccess } from './metrics-auth';
import { MetricsRegistry, within } from './metrics.registry';

describe('MetricsRegistry', () => {
  it('makes each metric once, of the type its definition says', () => {
    const registry = new MetricsRegistry();
    expect(registry.counter(METRICS.samplesWritten)).toBe(registry.counter(METRICS.samplesWritten));
    expect(() => registry.gauge(METRICS.samplesWritten)).toThrow('metric tally_samples_written_total is a counter, not a gauge');
  });

  it('reports a dependency that never answers as 0 within the scrape timeout, the others as they are', async () => {
    const registry = new MetricsRegistry();
    registry.dependency('hangs', () => new Promise(() => undefined));
    registry.dependency('fails', () => Promise.reject(new Error('down')));
    registry.dependency('answers', () => Promise.resolve('PONG'));
    const started = Date.now();
    const text = await registry.text();
    expect(Date.now() - started).toBeLessThan(SCRAPE_READ_TIMEOUT_MS + 500);
    expect(text).toContain('tally_up{dependency="hangs"} 0');
    expect(text).toContain('tally_up{dependency="fails"} 0');
    expect(text).toContain('tally_up{dependency="answers"} 1');
  });

  it('within() gives what the work gave, or undefined once it failed or took too long', async () => {
    expect(await within(100, async () => 7)).toBe(7);
    expect(await within(100, () => Promise.reject(new Error('no')))).toBeUndefined();
    expect(await within(20, () => new Promise((r) => setTimeout(() => r(1), 200).unref()))).toBeUndefined();
  });
});

describe('metricsAccess', () => {
  const token = 'a-metrics-token-of-some-length';
  it('allows only the bearer token itself', () => {
    expect(metricsAccess(token, `Bearer ${token}`)).toBe('allowed');
    expect(metricsAccess(token, `bearer ${token} `)).toBe('allowed');
    expect(metricsAccess(token, undefined)).toBe('missing');
    expect(metricsAccess(token, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`)).toBe('missing');
    expect(metricsAccess(token, `Bearer ${token}x`)).toBe('wrong');
    expect(metricsAccess(token, `Bearer ${token.slice(1)}`)).toBe('wrong');
  });
});
