module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'matcher',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
