import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { authEnvFields, authOptions, refineAuthEnv } from './auth-config';
import { AUTH_OFF_WARNING, AuthModule } from './auth.module';
import { TOKEN_VERIFIER } from './auth.guard';

const schema = z.object({ NODE_ENV: z.enum(['development', 'test', 'production']).default('development'), ...authEnvFields }).superRefine(refineAuthEnv);
const problems = (env: Record<string, string>) => schema.safeParse(env).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('authentication settings', () => {
  it('refuse a production service without authentication, naming AUTH_MODE', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^AUTH_MODE: must be jwt when NODE_ENV=production/)]);
    expect(problems({ NODE_ENV: 'production', AUTH_MODE: 'off' })).toEqual([expect.stringContaining('AUTH_ALLOW_INSECURE=true')]);
  });

  it('let production run open only when AUTH_ALLOW_INSECURE=true says so, and development by default', () => {
    expect(problems({ NODE_ENV: 'production', AUTH_ALLOW_INSECURE: 'true' })).toEqual([]);
    expect(problems({ NODE_ENV: 'production', AUTH_ALLOW_INSECURE: 'yes' })).toEqual([expect.stringMatching(/^AUTH_ALLOW_INSECURE: /)]);
    expect(problems({})).toEqual([]);
  });

  it('accept the issuer keys from a file, and exactly one source of keys', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'auth-keys-')), 'jwks.json');
    const jwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] });
    writeFileSync(file, jwks);
    const jwt = { NODE_ENV: 'production', AUTH_MODE: 'jwt', AUTH_ISSUER: 'https://issuer', AUTH_AUDIENCE: 'talent-match' };

    expect(problems({ ...jwt, AUTH_PUBLIC_KEYS_FILE: file })).toEqual([]);
    expect(authOptions(schema.parse({ ...jwt, AUTH_PUBLIC_KEYS_FILE: file }))).toMatchObject({ mode: 'jwt', publicKeys: jwks });
    expect(problems({ ...jwt, AUTH_PUBLIC_KEYS_FILE: file, AUTH_PUBLIC_KEYS: jwks })).toEqual([expect.stringMatching(/^AUTH_JWKS_URL: give exactly one of/)]);
    expect(() => authOptions(schema.parse({ ...jwt, AUTH_PUBLIC_KEYS_FILE: `${file}.missing` }))).toThrow(/^AUTH_PUBLIC_KEYS_FILE: cannot read/);
  });
});

describe('AuthModule', () => {
  afterEach(() => jest.restoreAllMocks());

  it('warns at every start with authentication off', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const module = await Test.createTestingModule({ imports: [AuthModule.forRoot({ mode: 'off' })] }).compile();

    expect(module.get(TOKEN_VERIFIER)).toBeNull();
    expect(warn).toHaveBeenCalledWith(AUTH_OFF_WARNING);
    await module.close();
  });

  it('does not warn with tokens required', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const keys = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM' }] });
    const module = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ mode: 'jwt', issuer: 'https://issuer', audience: 'talent-match', algorithms: ['ES256'], publicKeys: keys })],
    }).compile();

    expect(warn).not.toHaveBeenCalled();
    await module.close();
  });
});
