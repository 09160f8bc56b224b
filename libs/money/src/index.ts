export * from './decimal';
export * from './ratio';
export * from './currencies';
export * from './amounts';
export * from './units';
