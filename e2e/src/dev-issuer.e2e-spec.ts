import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '@talent/service-kit';

// The issuer docker-compose runs (tools/dev-issuer.ts): a user gets a token over HTTP, and a service
// configured as docker-compose configures them (AUTH_PUBLIC_KEYS_FILE) accepts it.
describe('the development token issuer', () => {
  const directory = mkdtempSync(join(tmpdir(), 'dev-issuer-'));
  const jwksFile = join(directory, 'jwks', 'jwks.json');
  let issuer: ChildProcess;
  let base: string;

  beforeAll(async () => {
    const script = join(__dirname, '..', '..', 'tools', 'dev-issuer.ts');
    issuer = spawn(process.execPath, [script, '--port', '0', '--keys-dir', join(directory, 'keys'), '--jwks-file', jwksFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      issuer.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/\S+)/.exec(output);
        if (listening?.[1]) resolve(listening[1]);
      });
      issuer.once('exit', (code) => reject(new Error(`dev-issuer exited with ${code}: ${output}`)));
    });
  });

  afterAll(() => {
    issuer.kill('SIGTERM');
  });

  it('issues a token the services accept with the keys it wrote', async () => {
    const response = await fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams({ org: 'acme', scope: 'postings:write postings:publish-public', sub: 'alice', expires_in: '600' }),
    });
    expect(response.status).toBe(200);
    const issued = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 600 });

    const verify = await createTokenVerifier({
      issuer: 'https://dev-issuer.talent-match.local',
      audience: 'talent-match',
      algorithms: ['ES256'],
      publicKeys: readFileSync(jwksFile, 'utf8'),
    });
    const principal = await verify(issued.access_token);
    expect(principal).toMatchObject({ organisationId: 'acme', subject: 'alice' });
    expect([...principal.scopes].sort()).toEqual(['postings:publish-public', 'postings:write']);
    expect(await fetch(`${base}/.well-known/jwks.json`).then((answer) => answer.json())).toEqual(JSON.parse(readFileSync(jwksFile, 'utf8')));
  });

  it('refuses a token request without an organisation, or for longer than a day', async () => {
    for (const body of [new URLSearchParams({ scope: 'postings:write' }), new URLSearchParams({ org: 'acme', expires_in: '86401' })]) {
      const response = await fetch(`${base}/token`, { method: 'POST', body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
