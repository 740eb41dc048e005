export * from './database';
export * from './retention';
export * from './idempotency';
export * from './idempotency-per-tenant.migration';
export * from './group-commit';
export * from './transient-error';
