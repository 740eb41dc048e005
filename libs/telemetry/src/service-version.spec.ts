import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceVersion } from './service-version';

describe('the version a service reports', () => {
  it('is SERVICE_VERSION when the deployment sets it', () => {
    expect(serviceVersion({ SERVICE_VERSION: '2026.12.07-abc123' })).toBe('2026.12.07-abc123');
  });

  it('is the repository package.json version, found from the compiled code upwards', () => {
    const root = mkdtempSync(join(tmpdir(), 'version-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'talent-match', version: '9.8.7' }));
    const compiled = join(root, 'dist', 'services', 'postings');
    mkdirSync(compiled, { recursive: true });
    writeFileSync(join(compiled, 'package.json'), JSON.stringify({ name: 'something-else', version: '0.0.1' }));
    expect(serviceVersion({}, compiled)).toBe('9.8.7');
  });

  it('is "unknown" outside the repository, without npm', () => {
    expect(serviceVersion({}, mkdtempSync(join(tmpdir(), 'nowhere-')))).toBe('unknown');
  });
});
