import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config.ts";
import { blockedAddress, feedAddressRefusal, feedUrlRefusal, hostAllowed, privateHostAllowed } from "./feeds.rules.ts";

const hostsOf = (value: string) => loadConfig({ WARNING_FEED_HOSTS: value }).WARNING_FEED_HOSTS;
const FEED = "https://alert.example.gov.cn";

describe("where the feed poller may fetch from", () => {
  it("reads WARNING_FEED_HOSTS as lower-case, punycoded hosts, and stops the start on a bad entry naming the variable", () => {
    expect(hostsOf(" Alert.Example.gov.cn, *.CMA.gov.cn:8443 ,127.1:8080,[::1]:9000,预警.中国")).toEqual([
      "alert.example.gov.cn", "*.cma.gov.cn:8443", "127.0.0.1:8080", "[::1]:9000", new URL("http://预警.中国").hostname,
    ]);
    expect(new URL("http://预警.中国").hostname).toMatch(/^xn--[a-z0-9-]+\.xn--fiqs8s$/);
    expect(loadConfig({}).WARNING_FEED_HOSTS).toEqual([]);
    for (const bad of ["*", "a.*.cn", "http://a.cn", "a.cn/path", "a.cn:0", "a.cn:70000", "user@a.cn", "a b.cn"]) {
      expect(() => hostsOf(bad), bad).toThrow(ConfigError);
      expect(() => hostsOf(bad), bad).toThrow(/WARNING_FEED_HOSTS/);
    }
  });

  it("matches a host on its standard port only, host:port on that port, and *.suffix on names below suffix", () => {
    const u = (s: string) => new URL(s);
    expect(hostAllowed(u("https://a.example.gov.cn/x"), "a.example.gov.cn")).toBe(true);
    expect(hostAllowed(u("http://a.example.gov.cn/x"), "a.example.gov.cn")).toBe(true);
    expect(hostAllowed(u("http://a.example.gov.cn:8080/x"), "a.example.gov.cn")).toBe(false);
    expect(hostAllowed(u("http://a.example.gov.cn:8080/x"), "a.example.gov.cn:8080")).toBe(true);
    expect(hostAllowed(u("https://a.example.gov.cn/x"), "a.example.gov.cn:443")).toBe(true);
    expect(hostAllowed(u("https://b.a.example.gov.cn/x"), "*.example.gov.cn")).toBe(true);
    expect(hostAllowed(u("https://example.gov.cn/x"), "*.example.gov.cn")).toBe(false);
    expect(hostAllowed(u("https://evilexample.gov.cn/x"), "*.example.gov.cn")).toBe(false);
    expect(hostAllowed(u("https://example.gov.cn.evil.com/x"), "example.gov.cn")).toBe(false);
    expect(hostAllowed(u("http://[::1]:9000/x"), "[::1]:9000")).toBe(true);
  });

  it("keeps links and redirects on the feed's origin when no hosts are set", () => {
    expect(feedUrlRefusal(new URL(`${FEED}/cap/1.xml`), [], FEED)).toBeNull();
    expect(feedUrlRefusal(new URL("http://alert.example.gov.cn/cap/1.xml"), [], FEED)).toContain("不同源");
    expect(feedUrlRefusal(new URL("https://alert.example.gov.cn:8443/cap/1.xml"), [], FEED)).toContain("不同源");
    expect(feedUrlRefusal(new URL("http://169.254.169.254/latest/meta-data"), [], FEED)).toContain("不同源");
  });

  it("lets the allow-list, when set, decide every address whatever the feed's origin", () => {
    const hosts = ["*.example.gov.cn", "cma.gov.cn"];
    expect(feedUrlRefusal(new URL("https://other.example.gov.cn/cap/1.xml"), hosts, FEED)).toBeNull();
    expect(feedUrlRefusal(new URL("https://cma.gov.cn/cap/1.xml"), hosts, FEED)).toBeNull();
    expect(feedUrlRefusal(new URL("http://10.0.0.5/admin"), hosts, FEED)).toContain("WARNING_FEED_HOSTS");
  });

  it("refuses anything but http(s), and addresses with credentials, on any host", () => {
    for (const hosts of [[], ["alert.example.gov.cn"]]) {
      expect(feedUrlRefusal(new URL("file:///etc/passwd"), hosts, FEED)).toContain("http 或 https");
      expect(feedUrlRefusal(new URL("ftp://alert.example.gov.cn/x"), hosts, FEED)).toContain("http 或 https");
      expect(feedUrlRefusal(new URL("https://user:pw@alert.example.gov.cn/x"), hosts, FEED)).toContain("用户名或密码");
      expect(feedUrlRefusal(new URL("https://user@alert.example.gov.cn/x"), hosts, FEED)).toContain("用户名或密码");
    }
  });

  it("allows an administrator any http(s) feed address without a list, and only listed hosts with one", () => {
    expect(feedAddressRefusal("http://10.1.2.3/cap.xml", [])).toBeNull();
    expect(feedAddressRefusal("https://alert.example.gov.cn/atom.xml", ["alert.example.gov.cn"])).toBeNull();
    expect(feedAddressRefusal("http://10.1.2.3/cap.xml", ["alert.example.gov.cn"])).toContain("WARNING_FEED_HOSTS");
    expect(feedAddressRefusal("not a url", [])).toBe("不是有效的地址");
  });

  it("blocks loopback, private, link-local, metadata, CGNAT, multicast and reserved addresses in every spelling, and nothing public", () => {
    const blocked = [
      "127.0.0.1", "127.255.0.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1",
      "100.64.0.1", "100.100.100.200", "224.0.0.1", "255.255.255.255", "198.18.0.1",
      "::1", "::", "[::1]", "fe80::1", "fe80::1%eth0", "fc00::1", "fd00:ec2::254", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::127.0.0.1",
      "not-an-ip", "",
    ];
    for (const ip of blocked) expect(blockedAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "114.114.114.114", "172.32.0.1", "100.128.0.1", "169.253.0.1", "2400:3200::1", "::ffff:8.8.8.8"]) expect(blockedAddress(ip), ip).toBe(false);
  });

  it("lets WARNING_FEED_PRIVATE_HOSTS name a private host explicitly, by the same matching as WARNING_FEED_HOSTS", () => {
    const list = loadConfig({ WARNING_FEED_PRIVATE_HOSTS: "10.1.2.3:8080, hub.zwww.local" }).WARNING_FEED_PRIVATE_HOSTS;
    expect(privateHostAllowed(new URL("http://10.1.2.3:8080/cap.xml"), list)).toBe(true);
    expect(privateHostAllowed(new URL("http://10.1.2.3/cap.xml"), list)).toBe(false);
    expect(privateHostAllowed(new URL("https://hub.zwww.local/cap.xml"), list)).toBe(true);
    expect(privateHostAllowed(new URL("http://127.0.0.1:8080/cap.xml"), list)).toBe(false);
    expect(privateHostAllowed(new URL("http://10.1.2.3:8080/"), [])).toBe(false);
  });
});
