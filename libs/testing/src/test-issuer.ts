import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface MintOptions {
  key?: CryptoKey | Uint8Array;
  alg?: string;
  iss?: string;
  aud?: string;
  exp?: number | string;
}

/**
 * A token issuer for tests of services started with `AUTH_MODE=jwt`: an ES256 key pair, the
 * `AUTH_*` variables that make a service trust it, and tokens good or hostile.
 */
export class TestIssuer {
  static readonly issuer = 'https://issuer.test';
  static readonly audience = 'talent-match';
  private static readonly kid = 'test-1';

  private constructor(
    private readonly signingKey: CryptoKey,
    private readonly publicPem: string,
    /** The service's environment for trusting this issuer. */
    readonly env: { AUTH_MODE: 'jwt'; AUTH_ISSUER: string; AUTH_AUDIENCE: string; AUTH_PUBLIC_KEYS: string },
    private readonly defaultClaims: Record<string, unknown>,
  ) {}

  /** `defaultClaims` go into every token (typically `org` and `scope`); `mint` claims override them. */
  static async create(defaultClaims: Record<string, unknown>): Promise<TestIssuer> {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: TestIssuer.kid };
    return new TestIssuer(
      pair.privateKey,
      await exportSPKI(pair.publicKey),
      { AUTH_MODE: 'jwt', AUTH_ISSUER: TestIssuer.issuer, AUTH_AUDIENCE: TestIssuer.audience, AUTH_PUBLIC_KEYS: JSON.stringify({ keys: [jwk] }) },
      defaultClaims,
    );
  }

  /** A token signed by this issuer, valid for five minutes unless the options say otherwise. */
  mint(claims: Record<string, unknown> = {}, options: MintOptions = {}): Promise<string> {
    return new SignJWT({ ...this.defaultClaims, ...claims })
      .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: TestIssuer.kid })
      .setIssuer(options.iss ?? TestIssuer.issuer)
      .setAudience(options.aud ?? TestIssuer.audience)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m')
      .sign(options.key ?? this.signingKey);
  }

  /** An unsigned token (`alg: none`) with otherwise valid claims. */
  unsigned(claims: Record<string, unknown> = {}): string {
    const payload = { ...this.defaultClaims, iss: TestIssuer.issuer, aud: TestIssuer.audience, exp: Math.floor(Date.now() / 1000) + 300, ...claims };
    return `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${base64url.encode(JSON.stringify(payload))}.`;
  }

  /** The algorithm-confusion attack: HS256 with the public key (PEM) as the HMAC secret. */
  hmacWithPublicKey(claims: Record<string, unknown> = {}): Promise<string> {
    return this.mint(claims, { alg: 'HS256', key: new TextEncoder().encode(this.publicPem) });
  }
}
