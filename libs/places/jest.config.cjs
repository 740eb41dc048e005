module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'places',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
