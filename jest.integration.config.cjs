// Integration (`*.integration-spec.ts`) and end-to-end (`*.e2e-spec.ts`) tests: they talk to the
// real Kafka broker and PostgreSQL server that `npm test` provides (KAFKA_BROKERS,
// TEST_DATABASE_SERVER_URL), one file at a time.
const preset = require('./jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'integration',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/e2e', '<rootDir>/infra'],
  testMatch: ['**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
  // The suites run in one process (maxWorkers 1), so a client a suite leaves open would keep Jest
  // alive after the last result, and CI would wait for its time limit instead of failing or passing.
  forceExit: true,
};
