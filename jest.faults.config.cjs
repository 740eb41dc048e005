// The fault suite (`npm run test:faults`, `*.fault-spec.ts`): each scenario starts its own Kafka
// broker and the four services as processes, streams a data set while injecting a fault, and
// checks the settled platform exactly. Slow by nature: one file at a time, generous timeouts.
const preset = require('./jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'faults',
  rootDir: __dirname,
  roots: ['<rootDir>/e2e/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  testTimeout: 600_000,
  maxWorkers: 1,
  // As for the integration suites: nothing a scenario leaves open may keep Jest alive after the last result.
  forceExit: true,
};
