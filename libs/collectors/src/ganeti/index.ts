export * from './rapi-client';
export * from './rapi-instances.parser';
export * from './rapi-shape.error';
export { certificateFingerprint, normaliseFingerprint } from './rapi-tls';
export type { RapiTlsMode, RapiTlsSettings } from './rapi-tls';
