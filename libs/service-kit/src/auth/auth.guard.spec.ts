import { ServiceUnavailableException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, ISSUER_UNAVAILABLE_RETRY_AFTER_SECONDS } from './auth.guard';
import { AuthenticationError, IssuerKeysUnavailableError, type TokenVerifier } from './token-verifier';

/** An HTTP request with a bearer token, as the guard sees it. */
function httpContext() {
  const headers = new Map<string, string>();
  const request = { path: '/things', headers: { authorization: 'Bearer a.b.c' } };
  const response = { setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value) };
  const context = {
    getType: () => 'http',
    getHandler: () => httpContext,
    getClass: () => AuthGuard,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

describe('AuthGuard', () => {
  const guard = (verify: TokenVerifier) => new AuthGuard(new Reflector(), verify);

  it('answers an outage of the issuer keys with 503 and Retry-After, not as a bad token', async () => {
    const { context, headers } = httpContext();
    const error = await guard(() => Promise.reject(new IssuerKeysUnavailableError({ cause: new TypeError('fetch failed') })))
      .canActivate(context)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(headers.get('retry-after')).toBe(String(ISSUER_UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(headers.has('www-authenticate')).toBe(false);
  });

  it('answers a bad token with 401 and a Bearer challenge', async () => {
    const { context, headers } = httpContext();
    await expect(guard(() => Promise.reject(new AuthenticationError('the token signature is not valid'))).canActivate(context)).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
    expect(headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(headers.has('retry-after')).toBe(false);
  });
});
