export * from './expect-eventually';
export * from './http-recorder';
export * from './otlp-collector';
export * from './test-database';
export * from './service-process';
export * from './prometheus';
export * from './compose-environment';
export * from './topic-recorder';
