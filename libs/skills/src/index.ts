export * from './taxonomy.types';
