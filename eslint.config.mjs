import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const restrictKafkajs = {
  paths: [{ name: 'kafkajs', message: 'Only libs/kafka talks to kafkajs; use @talent/kafka.' }],
};
const restrictTypeorm = {
  paths: [{ name: 'typeorm', message: 'Persistence code only (libs/persistence, entities, services, migrations).' }],
};

export default tseslint.config(
  { ignores: ['**/dist', '**/node_modules', '**/.cache', '**/.nx', 'tools/**', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          banTransitiveDependencies: true,
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:platform', 'type:domain', 'type:contracts', 'type:testing'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:domain', 'type:tooling'],
            },
            { sourceTag: 'type:evaluation', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            {
              sourceTag: 'type:bench',
              onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:domain', 'type:tooling'],
            },
            { sourceTag: 'scope:postings', onlyDependOnLibsWithTags: ['scope:postings', 'scope:shared'] },
            { sourceTag: 'scope:candidates', onlyDependOnLibsWithTags: ['scope:candidates', 'scope:shared'] },
            { sourceTag: 'scope:matcher', onlyDependOnLibsWithTags: ['scope:matcher', 'scope:shared'] },
            { sourceTag: 'scope:notifier', onlyDependOnLibsWithTags: ['scope:notifier', 'scope:shared'] },
          ],
        },
      ],
      'no-restricted-imports': ['error', restrictKafkajs],
    },
  },
  {
    // The Kafka plumbing, the test utilities and the bench (whose baselines are the bare client) may use kafkajs directly.
    files: ['libs/kafka/**/*.ts', 'libs/testing/**/*.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'e2e/faults/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Pure libraries: no framework, broker or database.
    files: [
      'libs/contracts/**/*.ts',
      'libs/matching/**/*.ts',
      'libs/config/**/*.ts',
      'libs/skills/**/*.ts',
      'libs/job-descriptions/**/*.ts',
      'libs/scoring/**/*.ts',
      'libs/places/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...restrictKafkajs.paths, ...restrictTypeorm.paths, { name: 'pg', message: 'Pure library.' }],
          patterns: [{ group: ['@nestjs/*'], message: 'Pure library: no NestJS.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.controller.ts', '**/*.consumer.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...restrictKafkajs.paths, ...restrictTypeorm.paths] }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.fault-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
