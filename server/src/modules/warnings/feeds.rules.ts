/**
 * Where the feed poller may fetch from. A feed's content is written by whoever runs the feed, so
 * without a limit a link in it (or a redirect) could make our server read intranet addresses
 * (SSRF). Every address the poller is about to request — the feed's own, each CAP link of an
 * Atom/RSS feed, each redirect — passes feedUrlRefusal first.
 */

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
