import { createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { authEnvFields } from './auth-config';
import { AuthenticationError, createTokenVerifier, IssuerKeysUnavailableError, parsePublicKeys, type TokenVerifier } from './token-verifier';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'talent-match';

describe('createTokenVerifier', () => {
  let ecKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  let rsaKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  let otherKey: { privateKey: CryptoKey; publicKey: CryptoKey };
  let ecJwk: JWK;
  let rsaPem: string;
  let verify: TokenVerifier;

  beforeAll(async () => {
    ecKey = await generateKeyPair('ES256', { extractable: true });
    rsaKey = await generateKeyPair('RS256', { extractable: true });
    otherKey = await generateKeyPair('ES256', { extractable: true });
    ecJwk = { ...(await exportJWK(ecKey.publicKey)), kid: 'ec-1' };
    rsaPem = await exportSPKI(rsaKey.publicKey);
    verify = await createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256'],
      publicKeys: JSON.stringify({ keys: [ecJwk, { ...(createPublicKey(rsaPem).export({ format: 'jwk' }) as JWK), kid: 'rsa-1' }] }),
    });
  });

  const token = (
    claims: Record<string, unknown> = {},
    options: { key?: CryptoKey; alg?: string; kid?: string; iss?: string; aud?: string; exp?: number | string; nbf?: number | string } = {},
  ) => {
    let jwt = new SignJWT({ org: 'acme', scope: 'postings:write matches:read', ...claims })
      .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? 'ec-1' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setSubject('client-1')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m');
    if (options.nbf !== undefined) jwt = jwt.setNotBefore(options.nbf);
    return jwt.sign(options.key ?? ecKey.privateKey);
  };

  const refused = async (jwt: string, reason: RegExp) => {
    const error = await verify(jwt).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(reason);
  };

  it('accepts a valid ES256 token and reads organisation, subject, scopes and expiry', async () => {
    const exp = Math.floor(Date.now() / 1000) + 240;
    await expect(verify(await token({}, { exp }))).resolves.toEqual({
      subject: 'client-1',
      organisationId: 'acme',
      scopes: new Set(['postings:write', 'matches:read']),
      expiresAt: exp * 1000,
    });
  });

  it('accepts a valid RS256 token; scopes may come as an `scp` array', async () => {
    const principal = await verify(await token({ scope: undefined, scp: ['candidates:write'] }, { key: rsaKey.privateKey, alg: 'RS256', kid: 'rsa-1' }));
    expect(principal.scopes).toEqual(new Set(['candidates:write']));
  });

  it('refuses an expired token', async () => {
    await refused(await token({}, { exp: Math.floor(Date.now() / 1000) - 120 }), /expired/);
  });

  it('refuses a token without exp', async () => {
    const jwt = await new SignJWT({ org: 'acme' }).setProtectedHeader({ alg: 'ES256', kid: 'ec-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(ecKey.privateKey);
    await refused(jwt, /"exp" claim/);
  });

  it('refuses a token not valid yet (nbf in the future)', async () => {
    await refused(await token({}, { nbf: '10m', exp: '20m' }), /"nbf" claim/);
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    await refused(await token({}, { iss: 'https://evil.test' }), /"iss" claim/);
    await refused(await token({}, { aud: 'someone-else' }), /"aud" claim/);
  });

  it('refuses alg: none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = base64url.encode(JSON.stringify({ org: 'acme', iss: ISSUER, aud: AUDIENCE, exp: now + 300 }));
    await refused(`${header}.${payload}.`, /not valid|algorithm/);
  });

  it('refuses HS256 signed with the public key as the HMAC secret (RSA and EC)', async () => {
    const rsaSecret = new TextEncoder().encode(rsaPem);
    await refused(await token({}, { key: rsaSecret as unknown as CryptoKey, alg: 'HS256', kid: 'rsa-1' }), /algorithm/);
    const ecSecret = new TextEncoder().encode(JSON.stringify(ecJwk));
    await refused(await token({}, { key: ecSecret as unknown as CryptoKey, alg: 'HS256', kid: 'ec-1' }), /algorithm/);
  });

  it('refuses HS256 even when the configuration lists it', async () => {
    const lenient = await createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256', 'ES256'], publicKeys: JSON.stringify(ecJwk) });
    const forged = await token({}, { key: new TextEncoder().encode(JSON.stringify(ecJwk)) as unknown as CryptoKey, alg: 'HS256' });
    await expect(lenient(forged)).rejects.toThrow(/algorithm/);
  });

  it('refuses an unknown kid and a token signed by another key', async () => {
    await refused(await token({}, { kid: 'unknown' }), /no key/);
    await refused(await token({}, { key: otherKey.privateKey }), /signature/);
  });

  it('refuses a tampered payload and a malformed token', async () => {
    const [header, , signature] = (await token()).split('.');
    const payload = base64url.encode(JSON.stringify({ org: 'other', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }));
    await refused(`${header}.${payload}.${signature}`, /signature/);
    await refused('not-a-token', /not valid/);
  });

  it('refuses a token without an organisation', async () => {
    await refused(await token({ org: undefined }), /"org" claim/);
  });
});

describe('parsePublicKeys', () => {
  it('reads PEM blocks and names each key by its thumbprint', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const { keys } = await parsePublicKeys(await exportSPKI(publicKey));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: expect.stringMatching(/^[\w-]{43}$/) as unknown });
  });

  it('refuses symmetric and private keys', async () => {
    await expect(parsePublicKeys(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }))).rejects.toThrow(/symmetric/);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await expect(parsePublicKeys(JSON.stringify(await exportJWK(privateKey)))).rejects.toThrow(/public keys only/);
  });
});

describe('keys from a JWKS URL', () => {
  let key: { privateKey: CryptoKey; publicKey: CryptoKey };
  let server: Server;
  let baseUrl: string;
  /** What the issuer answers at `/jwks`: its keys, or an outage. */
  let answer: 'keys' | 'error' = 'keys';

  beforeAll(async () => {
    key = await generateKeyPair('ES256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(key.publicKey)), kid: 'remote-1', alg: 'ES256', use: 'sig' }] };
    server = createServer((_request, response) => {
      if (answer === 'error') response.writeHead(502).end('bad gateway');
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const remoteToken = (kid = 'remote-1') =>
    new SignJWT({ org: 'acme' }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(key.privateKey);
  const remoteVerifier = (jwksUrl: string) => createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], jwksUrl });

  it.each(['http://issuer.example.com/jwks', 'http://10.0.0.5/jwks', 'http://[::ffff:7f00:1]/jwks', 'ftp://issuer.example.com/jwks', 'not a url'])(
    'refuses %s: keys must come over https (plain http only on loopback)',
    async (url) => {
      expect(authEnvFields.AUTH_JWKS_URL.safeParse(url).success).toBe(false);
      await expect(remoteVerifier(url)).rejects.toThrow(/AUTH_JWKS_URL/);
    },
  );

  it.each(['https://issuer.example.com/jwks', 'http://127.0.0.1:8080/jwks', 'http://localhost:8080/jwks', 'http://[::1]:8080/jwks'])('accepts %s', (url) => {
    expect(authEnvFields.AUTH_JWKS_URL.safeParse(url).success).toBe(true);
  });

  it('verifies with the fetched keys; a token no key fits is still a bad token', async () => {
    answer = 'keys';
    const verifyRemote = await remoteVerifier(`${baseUrl}/jwks`);
    await expect(verifyRemote(await remoteToken())).resolves.toMatchObject({ organisationId: 'acme' });
    await expect(verifyRemote(await remoteToken('unknown'))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('tells an outage of the issuer (error answer, nobody listening) apart from a bad token', async () => {
    answer = 'error';
    const failing = await remoteVerifier(`${baseUrl}/jwks`);
    await expect(failing(await remoteToken())).rejects.toBeInstanceOf(IssuerKeysUnavailableError);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await remoteVerifier(`http://127.0.0.1:${port}/jwks`);
    await expect(unreachable(await remoteToken())).rejects.toBeInstanceOf(IssuerKeysUnavailableError);
  });
});
