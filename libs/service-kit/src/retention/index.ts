export * from './retention-config';
export * from './retention.module';
