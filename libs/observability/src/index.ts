export * from './metrics';
export * from './metrics.controller';
export * from './logger-options';
export * from './http-observability.middleware';
export * from './observability.module';
