import { composeEnvironment, composePublishedPorts, isOpenTelemetryVariable } from '@talent/testing';
import { notifierEnvSchema } from './config';

describe('notifier configuration', () => {
  it('accepts the environment docker-compose.yml gives the service, and nothing it would ignore', () => {
    const environment = composeEnvironment('notifier');
    const known = Object.keys(notifierEnvSchema.shape);
    const unknown = Object.keys(environment).filter((name) => !known.includes(name) && !isOpenTelemetryVariable(name));

    expect(unknown).toEqual([]);
    // Run as in production, it requires tokens (a production service refuses AUTH_MODE=off) and is reached from this host only.
    expect(environment).toMatchObject({ NODE_ENV: 'production', AUTH_MODE: 'jwt' });
    expect(environment.AUTH_ALLOW_INSECURE).toBeUndefined();
    expect(composePublishedPorts()['notifier']).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/)]);
    expect(notifierEnvSchema.safeParse(environment).error?.issues).toBeUndefined();
  });

  it('names the variable when a value is malformed', () => {
    const result = notifierEnvSchema.safeParse({ DATABASE_URL: 'not a url' });

    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['DATABASE_URL']);
  });
});
