// The suites that hold the code to a time budget (hostile 64 KiB inputs within 100 ms). They run
// in the `timing` target, one project at a time after the parallel stage, so that other test
// processes on the same cores do not eat their budget.
module.exports = {
  ...require('./jest.config.cjs'),
  testMatch: ['<rootDir>/src/**/*hostile.spec.ts'],
  testPathIgnorePatterns: [],
};
