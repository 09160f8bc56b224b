export * from './inventory-rules';
export * from './credentials.service';
export * from './clusters.service';
export * from './resource-rules';
export * from './resources.service';
export * from './collect-targets.service';
export * from './inventory.module';
export * from './views';
