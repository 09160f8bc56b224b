export * from './builtin-hooks.module';
