export * from './outbox.entity';
export * from './create-outbox.migration';
export * from './outbox-tombstones.migration';
export * from './outbox-writer';
export * from './outbox-relay';
export * from './outbox-retention';
export * from './outbox.module';
