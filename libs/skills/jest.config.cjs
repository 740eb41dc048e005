module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'skills',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
