export * from './overlap-score';
export * from './match-id';
