/**
 * 附近资源 on a phone: each result shows its address; a tap opens it with a call button and
 * navigation links (geo: and the 高德/百度/腾讯 URL schemes, with the resource's point).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byTestId, journey, launch, login, screenshot } from "../helpers.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("nearby resources", () => {
  it("does show the address and open a resource with navigation links when tapped", async () => {
    await journey(browser, "phone", "m-nearby-detail", async ({ page, context }) => {
      await context.grantPermissions(["geolocation"]);
      await context.setGeolocation({ latitude: 31.7012, longitude: 119.9512 });
      await login(page, "village", { mobile: true });
      await byTestId(page, "m-tab-nearby").tap();
      await byTestId(page, "m-nearby-results").waitFor();
      const first = byTestId(page, "m-near-shelters-item").first();
      await first.waitFor();
      // Demo resources carry their town or village as the address.
      expect((await first.locator('[data-testid="m-near-address"]').textContent())?.trim()).toBeTruthy();
      await screenshot(page, "m-nearby-addresses");

      await first.locator(".m-nearby-main").tap();
      const detail = byTestId(page, "m-near-detail");
      await detail.waitFor();
      expect((await byTestId(detail, "m-near-detail-address").textContent())?.trim()).toBeTruthy();
      const href = (app: string) => byTestId(detail, `m-nav-${app}`).getAttribute("href");
      expect(await href("geo")).toMatch(/^geo:3\d\.\d{6},1\d\d\.\d{6}\?q=/);
      expect(await href("amap")).toMatch(/^amapuri:\/\/route\/plan\/\?dlat=3\d\.\d+&dlon=1\d\d\.\d+/);
      expect(await href("baidu")).toMatch(/^baidumap:\/\/map\/direction\?destination=latlng:3\d\.\d+,1\d\d\.\d+.*coord_type=wgs84/);
      expect(await href("tencent")).toMatch(/^qqmap:\/\/map\/routeplan\?.*tocoord=3\d\.\d+,1\d\d\.\d+/);
      await screenshot(page, "m-nearby-detail");
    });
  });
});
