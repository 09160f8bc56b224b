export * from './readings-spool';
export * from './recovery-watch';
export * from './readings-hand-off';
