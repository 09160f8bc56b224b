import type { LoggerService } from '@nestjs/common';
import { endpointOf, QuietStartLogger } from './quiet-start';

function recorder() {
  const calls: [string, unknown[]][] = [];
  const at = (level: string) => (...args: unknown[]) => void calls.push([level, args]);
  const inner: LoggerService = { log: at('log'), error: at('error'), warn: at('warn'), debug: at('debug'), verbose: at('verbose'), fatal: at('fatal') };
  return { inner, calls };
}

describe('QuietStartLogger', () => {
  it("writes Nest's module and route lines at debug, everything else at its own level", () => {
    const { inner, calls } = recorder();
    const logger = new QuietStartLogger(inner);
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/api/v1/clients, GET} route', 'RouterExplorer');
    logger.log('API listening on http://127.0.0.1:3000');
    logger.log({ scheduler: 'x' }, 'job scheduler registered', 'Schedules');
    logger.warn('Unsupported route path: "/api/v1/*"', 'LegacyRouteConverter');
    logger.warn('Redis connection lost', 'Redis');
    logger.error('boom', 'stack', 'InstanceLoader');
    expect(calls.map(([level, args]) => [level, args[0]])).toEqual([
      ['debug', 'AppModule dependencies initialized'],
      ['debug', 'Mapped {/api/v1/clients, GET} route'],
      ['log', 'API listening on http://127.0.0.1:3000'],
      ['log', { scheduler: 'x' }],
      ['debug', 'Unsupported route path: "/api/v1/*"'],
      ['warn', 'Redis connection lost'],
      ['error', 'boom'],
    ]);
  });
});

describe('endpointOf', () => {
  it('keeps host, port and path, never the user or password', () => {
    expect(endpointOf('postgres://tally:s3cret@db.internal:5432/tally?sslmode=require')).toBe('db.internal:5432/tally');
    expect(endpointOf('redis://:r3dis@127.0.0.1:6379')).toBe('127.0.0.1:6379');
    expect(endpointOf('rediss://default:pw@cache.example/2')).toBe('cache.example/2');
    expect(endpointOf('not a url')).toBe('(unparsable URL)');
  });
});
