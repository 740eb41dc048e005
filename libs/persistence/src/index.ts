export * from './database';
export * from './outbox.entity';
export * from './create-outbox.migration';
export * from './outbox-writer';
export * from './outbox-relay';
export * from './idempotency';
export * from './group-commit';
export * from './transient-error';
