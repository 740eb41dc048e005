import { generateWebhookSecret, sign, signedHeaders, verify } from './standard-webhooks';

describe('Standard Webhooks signatures', () => {
  // The example of the specification's reference libraries.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('matches the reference signature', () => {
    expect(sign(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies what it signs, and refuses tampering, stale timestamps and other secrets', () => {
    const now = new Date(timestamp * 1000);
    const headers = signedHeaders(secret, id, body, now);
    expect(verify(secret, headers, body, { now })).toEqual({ ok: true });
    expect(verify(secret, headers, `${body} `, { now })).toEqual({ ok: false, reason: 'no matching signature' });
    expect(verify(generateWebhookSecret(), headers, body, { now })).toEqual({ ok: false, reason: 'no matching signature' });
    expect(verify(secret, headers, body, { now: new Date((timestamp + 301) * 1000) })).toMatchObject({ ok: false });
    expect(verify(secret, { ...headers, 'webhook-signature': `v1,bogus ${headers['webhook-signature']}` }, body, { now })).toEqual({ ok: true });
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const generated = generateWebhookSecret();
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generated).not.toBe(generateWebhookSecret());
  });
});
