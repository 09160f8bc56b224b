import { INestApplicationContext } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the Nest application (in-flight work finishes, connections close),
 * then the process exits 0 so process managers see a clean stop; a second signal forces it.
 */
export function closeOnSignals(app: INestApplicationContext, log: (message: string) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(1));
      log(`stopping (${signal})`);
      app.close().then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
