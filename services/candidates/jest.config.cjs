module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'candidates',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
