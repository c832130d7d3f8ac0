/**
 * Where the feed poller may fetch from. A feed's content is written by whoever runs the feed, so
 * without a limit a link in it (or a redirect) could make our server read intranet addresses
 * (SSRF). Every address the poller is about to request — the feed's own, each CAP link of an
 * Atom/RSS feed, each redirect — passes feedUrlRefusal first.
 */

import { BlockList, isIP } from "node:net";

/** The standard port of http and https: an allow-list entry without a port allows only that. */
const STANDARD_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

/** Whether `url` matches one normalised WARNING_FEED_HOSTS entry (`host`, `host:port`, `*.suffix[:port]`). */
export function hostAllowed(url: URL, entry: string): boolean {
  const m = /^(\*\.)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  if (!m) return false;
  const [, wildcard, host, port] = m;
  const portOk = port === undefined ? url.port === "" : (url.port || STANDARD_PORT[url.protocol]) === port;
  const hostOk = wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  return portOk && hostOk;
}

/**
 * Why the poller must not request `url`, or null when it may. Only http(s), never an address
 * carrying credentials; then, when `hosts` (WARNING_FEED_HOSTS) is set, the address must match one
 * of them; when it is empty, it must lie on `feedOrigin`, the origin of the configured feed address.
 */
export function feedUrlRefusal(url: URL, hosts: readonly string[], feedOrigin: string): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `只允许 http 或 https 地址，不读取 ${url.protocol} 地址`;
  if (url.username || url.password) return "地址含用户名或密码，不读取";
  if (hosts.length > 0) {
    return hosts.some((entry) => hostAllowed(url, entry)) ? null : `主机 ${url.host} 不在允许的信息源主机（WARNING_FEED_HOSTS）之内`;
  }
  return url.origin === feedOrigin ? null : `${url.origin} 与信息源 ${feedOrigin} 不同源（可在 WARNING_FEED_HOSTS 中列出允许的主机）`;
}

/** Why an administrator may not save `address` as a feed, or null (the origin rule needs no check here: a feed is its own origin). */
export function feedAddressRefusal(address: string, hosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return "不是有效的地址";
  }
  return feedUrlRefusal(url, hosts, url.origin);
}

/**
 * Address ranges the poller never connects to unless WARNING_FEED_PRIVATE_HOSTS names the host:
 * this machine, private networks, link-local (with the cloud metadata service 169.254.169.254),
 * carrier-grade NAT (with Alibaba Cloud's metadata 100.100.100.200), multicast and reserved
 * ranges. A feed is written by whoever runs it, so without this the poller would read — and
 * report on — the intranet behind our server (SSRF, port scanning).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["2001:db8::", 32], ["100::", 64],
] as const) BLOCKED.addSubnet(net, prefix, "ipv6");

/** Whether an IP address (v4, v6, v4-mapped v6) lies in a range the poller does not connect to; anything not an IP counts as blocked. */
export function blockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const kind = isIP(ip);
  if (kind === 0) return true;
  if (kind === 6) {
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach the IPv4 address inside.
    const mapped = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return BLOCKED.check(mapped[1]!, "ipv4");
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return BLOCKED.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, "ipv4");
    }
    return BLOCKED.check(ip, "ipv6");
  }
  return BLOCKED.check(ip, "ipv4");
}

/** Whether WARNING_FEED_PRIVATE_HOSTS lets the poller connect to `url` although its host resolves to a blocked range. */
export function privateHostAllowed(url: URL, privateHosts: readonly string[]): boolean {
  return privateHosts.some((entry) => hostAllowed(url, entry));
}
