/** A network interface's address as Node's os.networkInterfaces() lists it (family 4 on Node 18.0–18.3). */
export interface InterfaceAddress {
  address: string;
  family: string | number;
  internal: boolean;
}

/** Where students join, as the projector shows it. */
export interface JoinAddress {
  /** The join address's origin (scheme, host, port), no trailing slash; the code is added to it. */
  base: string;
  /** Other addresses of this server students may use, for the host to read out if the first fails. */
  others: string[];
  /** Why the projector shows another address than the host's address bar; null when it is the same. */
  note: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1', '0.0.0.0', '[::]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost') || /^127\./.test(hostname);
}

/** Home and school networks first (192.168/16, then 10/8), then 172.16/12, where container bridges live. */
function networkRank(ip: string): number {
  if (ip.startsWith('192.168.')) return 0;
  if (ip.startsWith('10.')) return 1;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(ip)) return 2;
  return /^169\.254\./.test(ip) ? 4 : 3;
}

/** The `host[:port]` of a Host header split in two; the port is '' when absent. */
function splitHost(host: string): { hostname: string; port: string } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  return match ? { hostname: match[1], port: match[2] ?? '' } : { hostname: host, port: '' };
}

/**
 * The join address for the projector. `publicUrl` (the PUBLIC_URL setting, a comma-separated list) wins:
 * its first entry is shown, the rest are `others`. Otherwise it is the address the host's page was loaded
 * from (`host`, the request's Host header, with `proto`, "http" unless a proxy says "https"), except that
 * a loopback address (localhost, 127.x, ::1), which no student's device can open, is replaced by this
 * machine's IPv4 addresses on its networks (`interfaces`, non-internal), on the same port, with a note
 * saying so. Pure: the caller reads the environment, the headers and os.networkInterfaces().
 */
export function joinAddress({
  publicUrl,
  host,
  proto,
  interfaces,
}: {
  publicUrl?: string | null;
  host: string;
  proto?: string | null;
  interfaces: readonly InterfaceAddress[];
}): JoinAddress {
  const listed = (publicUrl ?? '')
    .split(',')
    .map((u) => u.trim().replace(/\/+$/, ''))
    .filter((u) => u !== '');
  if (listed.length > 0) return { base: listed[0], others: listed.slice(1), note: null };

  const scheme = proto?.split(',')[0].trim() === 'https' ? 'https' : 'http';
  const { hostname, port } = splitHost(host);
  const origin = `${scheme}://${host.trim()}`;
  if (!isLoopback(hostname)) return { base: origin, others: [], note: null };

  const lan = [
    ...new Set(
      interfaces
        .filter((i) => !i.internal && (i.family === 'IPv4' || i.family === 4))
        .map((i) => i.address)
        .sort((a, b) => networkRank(a) - networkRank(b)),
    ),
  ];
  const shown = hostname.replace(/^\[|\]$/g, '');
  if (lan.length === 0) {
    return {
      base: origin,
      others: [],
      note: `Students can't open ${shown}, and this computer has no address on a network: connect it to the class's network, or set PUBLIC_URL.`,
    };
  }
  const [first, ...rest] = lan.map((ip) => `${scheme}://${ip}${port ? `:${port}` : ''}`);
  return {
    base: first,
    others: rest,
    note: `Students can't open ${shown}: showing ${lan[0]}, this computer's address on the local network.`,
  };
}
