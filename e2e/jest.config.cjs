// Unit tests of the end-to-end and fault suites' own helpers (`*.spec.ts`): that their checks fail
// on the faults they exist to catch. The suites themselves are `*.e2e-spec.ts` and `*.fault-spec.ts`.
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'e2e-helpers',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
