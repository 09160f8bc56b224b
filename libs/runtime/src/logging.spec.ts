import pino from 'pino';
import { loggerParams, redactUrl } from './logging';

function capture(http: boolean) {
  const lines: string[] = [];
  const options = loggerParams('info', { http }).pinoHttp as pino.LoggerOptions;
  const log = pino({ level: options.level, redact: options.redact }, { write: (line: string) => lines.push(line) });
  return { log, text: () => lines.join('') };
}

describe('log redaction', () => {
  it.each([true, false])('hides secrets wherever the worker or API logs them (http: %s)', (http) => {
    const { log, text } = capture(http);
    log.info({
      credential: { name: 'fleet', secret: 'S1', username: 'tally' },
      ssh: { config: { host: 'h', privateKey: 'S2', passphrase: 'S3' } },
      rapi: { request: { headers: { authorization: 'Basic S4' }, auth: 'user:S5' } },
      config: { secrets: { keys: 'S6' }, bootstrapAdminKey: 'S7' },
      job: { data: { target: { credential: { password: 'S8' } } } },
      token: 'S9',
    }, 'polled');
    expect(text()).not.toMatch(/S\d/);
    expect(text()).toContain('"name":"fleet"');
    expect(text()).toContain('"host":"h"');
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/v1/clients?access_token=tally_abc&limit=5', '/api/v1/clients?access_token=[redacted]&limit=5'],
    ['/x?Api-Key=k&apikey=k&API_KEY=k&token=t&key=k&password=p&secret=s', '/x?Api-Key=[redacted]&apikey=[redacted]&API_KEY=[redacted]&token=[redacted]&key=[redacted]&password=[redacted]&secret=[redacted]'],
    ['/x?access%5Ftoken=t', '/x?access%5Ftoken=[redacted]'],
    ['/x?name=token&tz=UTC', '/x?name=token&tz=UTC'],
    ['/x', '/x'],
  ])('%s → %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });
});

describe('loggerParams: request lines', () => {
  const ignore = (url: string) => {
    const auto = (loggerParams('info', { http: true }).pinoHttp as { autoLogging: { ignore(req: { url: string }): boolean } }).autoLogging;
    return auto.ignore({ url });
  };

  it('skips health probes and metrics scrapes, nothing else', () => {
    expect(['/health/live', '/health/ready', '/metrics', '/metrics?x=1'].map(ignore)).toEqual([true, true, true, true]);
    expect(['/api/v1/clients', '/metricsx', '/api/v1/metrics', '/admin/queues', '/healthz'].map(ignore)).toEqual([false, false, false, false, false]);
  });
});
