export * from './start-telemetry';
export * from './trace-context';
export * from './service-version';
