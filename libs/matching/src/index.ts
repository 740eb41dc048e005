export * from './match-id';
