module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'evaluation',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
