import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Webhook signing secrets at rest: AES-256-GCM under the application key `SECRETS_KEY`, so a copy
 * of the database (a backup, a replica, a read-only breach) does not let anyone sign calls
 * recruiters' receivers would trust. Stored as `sb1.<key id>.<iv>.<ciphertext>.<tag>` (base64url);
 * the key id (a hash of the key) tells which key sealed a value, so the application key itself can
 * be rotated: the old one goes to `SECRETS_KEY_PREVIOUS`, and values it sealed are sealed again
 * under the new one at start-up.
 */
const FORMAT = 'sb1';
/** Binds a ciphertext to its purpose: one sealed for something else does not open as a webhook secret. */
const ASSOCIATED_DATA = Buffer.from('talent-match webhook signing secret');

/**
 * The key used when `SECRETS_KEY` is not set outside production: public (it is in this file), so it
 * protects nothing; it only keeps development and tests on the same code path as production, which
 * refuses to start without a key of its own.
 */
const DEVELOPMENT_KEY = createHash('sha256').update('talent-match development secrets key (not secret)').digest();

/** 32 bytes, as base64 (44 characters) or hex (64). */
export function parseSecretsKey(value: string): Buffer {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, 'base64');
    if (key.length === 32) return key;
  }
  throw new Error('must be 32 random bytes as base64 or hex (e.g. `openssl rand -base64 32`)');
}

const keyList = z
  .string()
  .optional()
  .or(z.literal('').transform(() => undefined))
  .superRefine((value, context) => {
    for (const part of value?.split(',') ?? []) {
      try {
        parseSecretsKey(part);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return;
      }
    }
  });

export const secretsKeyEnvFields = {
  /** Application key sealing webhook signing secrets (required when NODE_ENV=production). */
  SECRETS_KEY: keyList,
  /** Former application keys, comma-separated: values they sealed are opened and sealed again under SECRETS_KEY. */
  SECRETS_KEY_PREVIOUS: keyList,
};

/** For `schema.superRefine(...)`: production needs an application key of its own. */
export function refineSecretsKeyEnv(env: { NODE_ENV: string; SECRETS_KEY?: string | undefined }, context: z.RefinementCtx): void {
  if (env.NODE_ENV === 'production' && env.SECRETS_KEY === undefined) {
    context.addIssue({ code: 'custom', path: ['SECRETS_KEY'], message: 'required when NODE_ENV=production: 32 random bytes as base64 (`openssl rand -base64 32`)' });
  }
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.currentId = keyId(current);
    this.keys = new Map([[this.currentId, current], ...previous.map((key): [string, Buffer] => [keyId(key), key])]);
  }

  /** From the configuration; `development` is true when the public development key is in use. */
  static fromEnv(env: { SECRETS_KEY?: string | undefined; SECRETS_KEY_PREVIOUS?: string | undefined }): { box: SecretBox; development: boolean } {
    const previous = (env.SECRETS_KEY_PREVIOUS?.split(',') ?? []).map(parseSecretsKey);
    if (env.SECRETS_KEY === undefined) return { box: new SecretBox(DEVELOPMENT_KEY, previous), development: true };
    return { box: new SecretBox(parseSecretsKey(env.SECRETS_KEY), [...previous, DEVELOPMENT_KEY]), development: false };
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(ASSOCIATED_DATA);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** The plaintext of a sealed value; a value stored before secrets were sealed (`whsec_…`) is returned as it is. */
  open(stored: string): string {
    if (!stored.startsWith(`${FORMAT}.`)) return stored;
    const [, id, iv, ciphertext, tag] = stored.split('.');
    const key = id === undefined ? undefined : this.keys.get(id);
    if (!key || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new SecretBoxError(`a webhook secret was sealed with an unknown key (${id ?? '?'}): set SECRETS_KEY_PREVIOUS to the key it was sealed with`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(ASSOCIATED_DATA);
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a webhook secret failed its integrity check (altered in the database?)');
    }
  }

  /** Stored in plaintext, or sealed under a key other than the current one. */
  needsSealing(stored: string): boolean {
    return !stored.startsWith(`${FORMAT}.${this.currentId}.`);
  }
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
