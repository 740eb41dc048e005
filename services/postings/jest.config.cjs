module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'postings',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
