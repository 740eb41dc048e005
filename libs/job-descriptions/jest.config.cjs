module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'job-descriptions',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
