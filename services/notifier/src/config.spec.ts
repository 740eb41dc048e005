import { composeEnvironment, isOpenTelemetryVariable } from '@talent/testing';
import { notifierEnvSchema } from './config';

describe('notifier configuration', () => {
  it('accepts the environment docker-compose.yml gives the service, and nothing it would ignore', () => {
    const environment = composeEnvironment('notifier');
    const known = Object.keys(notifierEnvSchema.shape);
    const unknown = Object.keys(environment).filter((name) => !known.includes(name) && !isOpenTelemetryVariable(name));

    expect(unknown).toEqual([]);
    expect(notifierEnvSchema.safeParse(environment).error?.issues).toBeUndefined();
  });

  it('names the variable when a value is malformed', () => {
    const result = notifierEnvSchema.safeParse({ DATABASE_URL: 'not a url' });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['DATABASE_URL']);
  });
});
