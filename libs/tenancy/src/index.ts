export * from './principal';
export * from './paginate';
export * from './clients.service';
export * from './projects.service';
export * from './api-keys.service';
export * from './tenancy.module';
export * from './views';
export * from './billing-ref.policy';
