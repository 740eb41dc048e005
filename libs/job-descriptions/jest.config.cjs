module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'job-descriptions',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Timing suites (a budget in milliseconds) run alone, after the parallel stage: `timing` target.
  testPathIgnorePatterns: ['hostile\\.spec\\.ts$'],
};
