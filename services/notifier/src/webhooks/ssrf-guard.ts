import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injectable so tests never touch DNS. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));

/**
 * IPv6 global unicast (RFC 4291 §2.4): addresses outside it (IPv4-compatible `::/96`, the
 * translated `::ffff:0:0:0/96`, reserved blocks) are never a public receiver.
 */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** NAT64's well-known prefix (RFC 6052): the IPv4 address is in the last 32 bits. */
const WELL_KNOWN_NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Whether an address is a public, globally routed unicast address, by the special-purpose ranges
 * `ipaddr.js` keeps (private, loopback, link-local, CGNAT, multicast, documentation, benchmarking,
 * 6to4, Teredo, site-local, NAT64 local use, …): anything it does not call `unicast` is refused,
 * and an IPv6 address outside 2000::/3 too. An IPv4-mapped or NAT64 (64:ff9b::/96) address is
 * judged by the IPv4 address inside it.
 */
export function isGlobalUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address.split('%')[0]!);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped') return isGlobalUnicast(v6.toIPv4Address().toString());
  if (range === 'rfc6052' && v6.match(WELL_KNOWN_NAT64)) return isGlobalUnicast(embeddedIPv4(address) ?? '');
  return range === 'unicast' && v6.match(GLOBAL_UNICAST_V6);
}

export interface AllowList {
  hosts: ReadonlySet<string>;
  ranges: BlockList;
  empty: boolean;
}

/** Parses `WEBHOOK_ALLOWED_HOSTS`: host names, addresses and CIDR ranges, comma-separated. */
export function parseAllowList(value: string): AllowList {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [network, prefixText, extra] = entry.split('/');
    if (prefixText !== undefined) {
      const family = isIP(network ?? '');
      const prefix = Number(prefixText);
      if (extra !== undefined || family === 0 || !/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
        throw new Error(`"${entry}" is not a valid CIDR range`);
      }
      ranges.addSubnet(network!, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (isIP(entry) !== 0) {
      ranges.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
    } else if (/^[a-z0-9.-]+$/i.test(entry)) {
      hosts.add(entry.toLowerCase());
    } else {
      throw new Error(`"${entry}" is neither a host name, an address nor a CIDR range`);
    }
  }
  return { hosts, ranges, empty: entries.length === 0 };
}

export class SsrfRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfRefusedError';
  }
}

/**
 * Decides whether a webhook URL may be called, by resolving its host and checking every address.
 * The caller connects to the addresses returned here (never resolving again), so a DNS answer that
 * changes between check and connect cannot smuggle in a private address.
 */
export class SsrfGuard {
  constructor(
    private readonly allowList: AllowList,
    private readonly resolver: HostResolver = systemResolver,
  ) {}

  /** The addresses to connect to; throws `SsrfRefusedError` naming the offending address. */
  async resolve(url: string | URL): Promise<ResolvedAddress[]> {
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new SsrfRefusedError(`${target.protocol} URLs are not allowed`);
    }
    const hostname = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const hostAllowed = this.allowList.hosts.has(hostname);
    const literal = isIP(hostname);
    const addresses: ResolvedAddress[] =
      literal !== 0 ? [{ address: hostname, family: literal === 6 ? 6 : 4 }] : await this.lookup(hostname);
    if (addresses.length === 0) {
      throw new SsrfRefusedError(`${hostname} has no address`);
    }
    if (!hostAllowed) {
      for (const { address } of addresses) {
        if (this.isForbidden(address)) {
          // A name's DNS answer is not echoed: it would map the internal network for whoever asks.
          throw new SsrfRefusedError(
            `${hostname === address ? address : hostname} ${hostname === address ? 'is' : 'resolves to'} a private, loopback or link-local address, or another that is not public; allow-list it in WEBHOOK_ALLOWED_HOSTS to use it`,
          );
        }
      }
    }
    return addresses;
  }

  private async lookup(hostname: string): Promise<ResolvedAddress[]> {
    try {
      return await this.resolver(hostname);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SsrfRefusedError(`${hostname} does not resolve${code ? ` (${code})` : ''}`);
    }
  }

  private isForbidden(address: string): boolean {
    if (isGlobalUnicast(address)) return false;
    const v4 = embeddedIPv4(address);
    if (v4 !== undefined) return !this.allowList.ranges.check(v4, 'ipv4');
    if (isIP(address) === 6) return !this.allowList.ranges.check(address, 'ipv6');
    return true; // not an address at all
  }
}

/** The IPv4 address an address stands for: itself, or the one inside an IPv4-mapped / NAT64 IPv6 form. */
export function embeddedIPv4(address: string): string | undefined {
  if (isIP(address) === 4) return address;
  const groups = expandIPv6(address);
  if (!groups) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const compatible = groups.slice(0, 6).every((group) => group === 0) && (groups[6] !== 0 || (groups[7] ?? 0) > 1);
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!mapped && !compatible && !nat64) return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Eight 16-bit groups of an IPv6 address (dotted-quad tail and `::` expanded), or undefined. */
export function expandIPv6(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const headGroups = parse(head);
  const tailGroups = tail === undefined ? [] : parse(tail);
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...new Array<number>(Math.max(0, missing)).fill(0), ...tailGroups];
}
