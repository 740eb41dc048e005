export * from './rate-limit-config';
export * from './rate-limit.interceptor';
export * from './rate-limit.module';
export * from './redis-rate-limiter';
