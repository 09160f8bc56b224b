export * from './close-on-signals';
