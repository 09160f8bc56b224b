export * from './engine/levels';
