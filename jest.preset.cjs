// Shared Jest settings: SWC compiles TypeScript (with decorator metadata, which NestJS
// dependency injection needs) and the tsconfig path aliases map to library sources.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    target.endsWith('.ts') ? path.join(__dirname, target) : path.join(__dirname, target, 'index.ts'),
  ]),
);

/** SWC settings for TypeScript sources; `jose` (ESM only) is compiled the same way to CommonJS. */
module.exports = {
  testEnvironment: 'node',
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
  },
};
