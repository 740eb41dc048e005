export * from './env';
export * from './ingest-principals';
