export * from './builtin-measurements';
