export * from './rapi-client';
export * from './rapi-instances.parser';
export * from './rapi-shape.error';
export { certificateFingerprint, normaliseFingerprint, RapiTlsMode, RapiTlsSettings } from './rapi-tls';
