export * from './close-on-signals';
export { loggerParams, LogLevel, REDACT_PATHS, REDACTED, redactUrl } from './logging';
export { PermitLoad, PermitTimeoutError, Semaphore } from './semaphore';
export { endpointOf, FRAMEWORK_START_CONTEXTS, QuietStartLogger } from './quiet-start';
