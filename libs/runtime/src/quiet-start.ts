import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up narration: a line per module (InstanceLoader), per controller and per
 * route (RoutesResolver, RouterExplorer), about two hundred in all. Useful when a module or
 * route is missing, noise at every other start, so it is written at debug (LOG_LEVEL=debug).
 */
export const FRAMEWORK_START_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The app's logger, with Nest's start-up lines moved from `log` (info) to `debug`. Warnings
 * and errors from those contexts pass unchanged.
 */
export class QuietStartLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && FRAMEWORK_START_CONTEXTS.has(context)) this.inner.debug?.(message, ...rest);
    else this.inner.log(message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  /**
   * LegacyRouteConverter warns at every start about "/api/v1/*", a path Nest derives itself
   * from the global prefix for app-wide middleware and converts correctly: nothing an operator
   * can act on, so it is debug too. Every other warning stays a warning.
   */
  warn(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (context === 'LegacyRouteConverter') this.inner.debug?.(message, ...rest);
    else this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}

/** Where a database or Redis URL points, without its credentials: `host:port/path`. */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparsable URL)';
  }
}
