import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { notifierEnvSchema } from '../config';
import { parseSecretsKey, refineSecretsKeyEnv, SecretBox, SecretBoxError, secretsKeyEnvFields } from './secret-box';
import { generateWebhookSecret, signedHeaders } from './standard-webhooks';

/** HMAC-SHA256 of `id.timestamp.body` with the secret's key, as the Standard Webhooks specification defines it. */
function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('webhook signing secrets at rest', () => {
  const key = randomBytes(32);

  it('seals a secret so the stored value reveals nothing of it, and opens it again', () => {
    const box = new SecretBox(key);
    const secret = generateWebhookSecret();
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^sb1\.[0-9a-f]{12}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret.slice('whsec_'.length, 20));
    expect(box.seal(secret)).not.toBe(sealed); // a fresh IV every time
    expect(box.open(sealed)).toBe(secret);
    expect(box.needsSealing(sealed)).toBe(false);
  });

  it('refuses a sealed value that was altered, or sealed with a key it does not hold', () => {
    const box = new SecretBox(key);
    const sealed = box.seal(generateWebhookSecret());
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    const altered = [...parts.slice(0, 3), ciphertext.toString('base64url'), parts[4]].join('.');
    expect(() => box.open(altered)).toThrow(SecretBoxError);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(/SECRETS_KEY_PREVIOUS/);
  });

  it('opens values sealed under a former key and plaintext ones, and marks both for sealing again', () => {
    const former = new SecretBox(key);
    const secret = generateWebhookSecret();
    const current = new SecretBox(randomBytes(32), [key]);
    expect(current.open(former.seal(secret))).toBe(secret);
    expect(current.needsSealing(former.seal(secret))).toBe(true);
    expect(current.open(secret)).toBe(secret);
    expect(current.needsSealing(secret)).toBe(true);
  });

  it('reads SECRETS_KEY as 32 bytes of base64 or hex, and nothing else', () => {
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    for (const bad of ['', 'secret', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${key.toString('hex')}00`]) {
      expect(() => parseSecretsKey(bad)).toThrow(/32 random bytes/);
    }
  });

  it('requires SECRETS_KEY when NODE_ENV=production, naming it', () => {
    const schema = z.object({ NODE_ENV: z.string(), ...secretsKeyEnvFields }).superRefine(refineSecretsKeyEnv);
    const refused = schema.safeParse({ NODE_ENV: 'production' });
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['SECRETS_KEY'], message: expect.stringMatching(/required when NODE_ENV=production/) })]);
    expect(schema.safeParse({ NODE_ENV: 'production', SECRETS_KEY: key.toString('base64') }).success).toBe(true);
    expect(schema.safeParse({ NODE_ENV: 'development' }).success).toBe(true);
    expect(schema.safeParse({ NODE_ENV: 'development', SECRETS_KEY: 'short' }).error?.issues[0]?.path).toEqual(['SECRETS_KEY']);
    // The service's own schema applies the rule.
    const production = notifierEnvSchema.safeParse({ NODE_ENV: 'production', AUTH_MODE: 'off', AUTH_ALLOW_INSECURE: 'true' });
    expect(production.error?.issues.map((issue) => issue.path.join('.'))).toContain('SECRETS_KEY');
  });

  it('signs with every secret given, one signature each, during a rotation', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signedHeaders([current, previous], 'msg_1', '{"a":1}', new Date(1_700_000_000_000));
    expect(headers['webhook-signature']).toBe(
      `${expectedSignature(current, 'msg_1', '1700000000', '{"a":1}')} ${expectedSignature(previous, 'msg_1', '1700000000', '{"a":1}')}`,
    );
    expect(signedHeaders(current, 'msg_1', '{}', new Date(1_700_000_000_000))['webhook-signature']).toBe(expectedSignature(current, 'msg_1', '1700000000', '{}'));
  });
});
