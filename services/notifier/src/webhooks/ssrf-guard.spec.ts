import { embeddedIPv4, isGlobalUnicast, parseAllowList, SsrfGuard, SsrfRefusedError, type HostResolver } from './ssrf-guard';

/** A resolver stub: no DNS query, no request is ever made. */
function resolverFor(answers: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = (hostname: string) => {
    calls.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) return Promise.reject(new Error('ENOTFOUND'));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })));
  };
  return Object.assign(resolver, { calls });
}

const guard = (allow = '', answers: Record<string, string[]> = {}) => new SsrfGuard(parseAllowList(allow), resolverFor(answers));

describe('SsrfGuard', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://127.1.2.3:8080/hook',
    'http://10.0.0.5/hook',
    'http://172.16.0.1/hook',
    'http://172.31.255.255/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.10.1/hook',
    'http://0.0.0.0/hook',
    'http://[::1]/hook',
    'http://[::]/hook',
    'http://[fc00::1]/hook',
    'http://[fd12:3456::1]/hook',
    'http://[fe80::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a9fe:a9fe]/hook',
    'http://[::ffff:10.0.0.1]/hook',
    'http://[64:ff9b::a00:1]/hook',
    // Edge ranges a hand-written list missed: 6to4 of 127.0.0.1, IPv4-translated ::ffff:0:0:0/96
    // (RFC 6145), site-local fec0::/10, Teredo, IPv4-compatible, NAT64 local use, documentation.
    'http://[2002:7f00:1::1]/hook',
    'http://[2002:a9fe:a9fe::]/hook',
    'http://[::ffff:0:7f00:1]/hook',
    'http://[::ffff:0:a00:1]/hook',
    'http://[fec0::1]/hook',
    'http://[2001::a9fe:a9fe]/hook',
    'http://[::7f00:1]/hook',
    'http://[64:ff9b:1::a00:1]/hook',
    'http://[2001:db8::1]/hook',
    'http://192.0.2.10/hook',
    'http://255.255.255.255/hook',
    'http://100.64.0.1/hook',
  ])('refuses %s', async (url) => {
    await expect(guard().resolve(url)).rejects.toThrow(SsrfRefusedError);
  });

  it('refuses a public name that resolves to a private address, without telling the internal address', async () => {
    const resolver = { 'hooks.example.com': ['93.184.215.14', '10.1.2.3'] };
    const error = await guard('', resolver)
      .resolve('https://hooks.example.com/x')
      .then(() => new Error('not refused'))
      .catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(SsrfRefusedError);
    expect(error.message).toMatch(/^hooks\.example\.com resolves to a private, loopback or link-local address, or another that is not public/);
    expect(error.message).not.toContain('10.1.2.3');
  });

  it('does not echo what the resolver said about a name that does not resolve', async () => {
    const resolver = (() => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND db.internal.corp (search: corp.local)'), { code: 'ENOTFOUND' }))) as HostResolver;
    await expect(new SsrfGuard(parseAllowList(''), resolver).resolve('http://hooks.example.com/')).rejects.toThrow(/^hooks\.example\.com does not resolve \(ENOTFOUND\)$/);
  });

  it('returns the checked addresses of a public name, for the caller to connect to', async () => {
    const resolver = { 'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] };
    await expect(guard('', resolver).resolve('https://hooks.example.com/x')).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
  });

  it('does not resolve address literals', async () => {
    const resolver = resolverFor({});
    await new SsrfGuard(parseAllowList(''), resolver).resolve('http://93.184.215.14/x');
    expect(resolver.calls).toEqual([]);
  });

  it('refuses names that do not resolve and schemes other than http(s)', async () => {
    await expect(guard().resolve('http://nowhere.invalid/')).rejects.toThrow('does not resolve');
    await expect(guard().resolve('ftp://93.184.215.14/')).rejects.toThrow('ftp: URLs are not allowed');
  });

  it('lets allow-listed ranges, addresses and host names through', async () => {
    await expect(guard('127.0.0.0/8').resolve('http://127.0.0.1:9000/')).resolves.toHaveLength(1);
    await expect(guard('127.0.0.0/8').resolve('http://[::ffff:127.0.0.1]:9000/')).resolves.toHaveLength(1);
    await expect(guard('::1').resolve('http://[::1]:9000/')).resolves.toHaveLength(1);
    await expect(guard('hooks.internal', { 'hooks.internal': ['10.0.0.8'] }).resolve('http://hooks.internal/')).resolves.toEqual([
      { address: '10.0.0.8', family: 4 },
    ]);
    // Allowing loopback does not allow the metadata service.
    await expect(guard('127.0.0.0/8').resolve('http://169.254.169.254/')).rejects.toThrow(SsrfRefusedError);
  });
});

describe('parseAllowList', () => {
  it('rejects malformed entries, naming them', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow('"10.0.0.0/33" is not a valid CIDR range');
    expect(() => parseAllowList('bad host!')).toThrow('"bad host!"');
    expect(parseAllowList(' 127.0.0.0/8 , ::1, Hooks.Internal ').hosts).toEqual(new Set(['hooks.internal']));
  });
});

describe('isGlobalUnicast', () => {
  it.each([
    ['8.8.8.8', true],
    ['93.184.215.14', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::808:808', true],
    ['203.0.113.7', false],
    ['2002:808:808::1', false],
    ['::ffff:0:808:808', false],
    ['fec0::1', false],
    ['::808:808', false],
    ['4000::1', false],
    ['fe80::1%eth0', false],
    ['not-an-address', false],
  ])('%s → %s', (address, expected) => {
    expect(isGlobalUnicast(address)).toBe(expected);
  });
});

describe('embeddedIPv4', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', '169.254.169.254'],
    ['64:ff9b::c0a8:101', '192.168.1.1'],
    ['2001:db8::1', undefined],
    ['::1', undefined],
  ])('%s → %s', (address, expected) => {
    expect(embeddedIPv4(address)).toBe(expected);
  });
});
