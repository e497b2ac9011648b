import { isIP } from 'node:net';

/**
 * SSRF guard. A webhook makes this server send requests to an address a workspace user chose; on a shared
 * deployment that must not reach the server's own network (cloud metadata at 169.254.169.254, the database, an
 * admin port). Unless private targets are allowed, loopback, private, link-local, carrier-grade NAT, multicast and
 * unspecified addresses are refused: by name or literal address when the endpoint is saved, and by the address
 * the name resolves to on every delivery (so a public name that later resolves inward is caught too).
 */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return isPrivateIpv4(address);
  if (kind === 6) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateIpv4(mapped[1]!);
    if (lower === '::' || lower === '::1') return true;
    const first = Number.parseInt(lower.split(':')[0] || '0', 16);
    // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
  }
  return false;
}

function isPrivateIpv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** Why the endpoint's host is refused when private targets are not allowed, or undefined when it may be used. */
export function privateTargetProblem(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (isIP(host)) return isPrivateAddress(host) ? 'points to a private or loopback address' : undefined;
  return INTERNAL_NAMES.test(host) ? 'points to a local or internal host name' : undefined;
}
