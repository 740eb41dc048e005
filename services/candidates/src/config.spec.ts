import { composeEnvironment, isOpenTelemetryVariable } from '@talent/testing';
import { candidatesEnvSchema } from './config';

describe('candidates configuration', () => {
  it('accepts the environment docker-compose.yml gives the service, and nothing it would ignore', () => {
    const environment = composeEnvironment('candidates');
    const known = Object.keys(candidatesEnvSchema.shape);
    const unknown = Object.keys(environment).filter((name) => !known.includes(name) && !isOpenTelemetryVariable(name));

    expect(unknown).toEqual([]);
    expect(candidatesEnvSchema.safeParse(environment).error?.issues).toBeUndefined();
  });

  it('names the variable when a value is malformed', () => {
    const result = candidatesEnvSchema.safeParse({ DATABASE_URL: 'not a url' });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['DATABASE_URL']);
  });
});
