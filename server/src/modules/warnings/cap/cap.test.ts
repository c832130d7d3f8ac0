import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CapAlert } from "@yingji/contracts";
import { CAP_MAX_BYTES, CapError, capReferencesString, parseCap, toCapXml } from "./cap.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const alertXml = fixture("changzhou-rainstorm-alert.xml").toString("utf8");

/** The CapError that parsing `xml` throws (fails the test when it parses). */
function refusal(xml: string | Buffer): CapError {
  try {
    parseCap(xml);
  } catch (err) {
    if (err instanceof CapError) return err;
    throw err;
  }
  throw new Error("the document was accepted");
}

/** The rainstorm alert with one piece of text replaced (the replaced text must be there). */
function altered(from: string, to: string): string {
  expect(alertXml).toContain(from);
  return alertXml.replace(from, to);
}

const minimal: CapAlert = {
  identifier: "test-1",
  sender: "yingji.test",
  sent: "2026-07-20T08:00:00+08:00",
  status: "Actual",
  msgType: "Alert",
  scope: "Public",
  codes: [],
  references: [],
  infos: [],
};

describe("parseCap on real-world documents", () => {
  it("reads a Changzhou rainstorm alert with a GB/T 35965.1 identifier, Chinese text and geocodes", () => {
    const alert = parseCap(fixture("changzhou-rainstorm-alert.xml"));
    expect(alert.identifier).toBe("32040041600000_20260720073000_1");
    expect(alert.sender).toBe("32040041600000");
    expect(alert.sent).toBe("2026-07-20T07:30:00+08:00");
    expect(alert.msgType).toBe("Alert");
    expect(alert.codes).toEqual(["GB/T 35965.1-2018"]);
    expect(alert.references).toEqual([]);
    expect(alert.infos).toHaveLength(1);
    const info = alert.infos[0]!;
    expect(info).toMatchObject({
      language: "zh-CN", category: ["Met"], event: "暴雨", responseType: ["Prepare"],
      urgency: "Expected", severity: "Severe", certainty: "Likely", senderName: "常州市气象台",
      headline: "常州市气象台发布暴雨橙色预警信号", expires: "2026-07-21T07:30:00+08:00",
    });
    expect(info.instruction).toMatch(/^1\. 政府及相关部门.*泥石流等灾害。$/);
    expect(info.eventCodes).toEqual([{ valueName: "GB/T 35965.1 事件类型", value: "11B03" }]);
    expect(info.parameters).toEqual([{ valueName: "预警级别", value: "橙色" }]);
    expect(info.areas[0]!.polygons[0]).toEqual([[31.92, 119.78], [31.92, 120.18], [31.52, 120.18], [31.52, 119.78], [31.92, 119.78]]);
    expect(info.areas[0]!.geocodes.map((g) => g.value)).toEqual(["320412", "320411", "320402"]);
  });

  it("reads the references of an Update and of a Cancel that names two earlier messages", () => {
    const update = parseCap(fixture("changzhou-rainstorm-update.xml"));
    expect(update.msgType).toBe("Update");
    expect(update.references).toEqual([
      { sender: "32040041600000", identifier: "32040041600000_20260720073000_1", sent: "2026-07-20T07:30:00+08:00" },
    ]);
    expect(update.infos[0]!.responseType).toEqual(["Shelter", "Avoid"]);
    const cancel = parseCap(fixture("changzhou-rainstorm-cancel.xml"));
    expect(cancel.msgType).toBe("Cancel");
    expect(cancel.references.map((r) => r.identifier)).toEqual([
      "32040041600000_20260720073000_1", "32040041600000_20260720103000_2",
    ]);
    expect(cancel.note).toBe("降雨已明显减弱，解除暴雨红色预警信号");
  });

  it("reads a prefixed, two-language, multi-area alert with circles, resources, altitude and CDATA", () => {
    const alert = parseCap(fixture("jiangsu-typhoon-multi.xml"));
    expect(alert.source).toBe("江苏省气象台");
    expect(alert.incidents).toBe("TY2614");
    expect(alert.infos.map((i) => i.language)).toEqual(["zh-CN", "en-US"]);
    const [zh, en] = alert.infos;
    expect(zh!.category).toEqual(["Met", "Geo"]);
    expect(zh!.areas).toHaveLength(2);
    expect(zh!.areas[0]!.circles).toEqual([{ lat: 31.25, lon: 120.25, radiusKm: 35 }]);
    expect(zh!.areas[1]).toMatchObject({ altitude: 0, ceiling: 3000 });
    expect(zh!.resources).toEqual([{
      resourceDesc: "台风路径预报图", mimeType: "image/png", size: 284311,
      uri: "http://js.cma.gov.cn/typhoon/TY2614-track.png", digest: "2f1c0f3e9a4b5d6c7e8f90a1b2c3d4e5f6a7b8c9",
    }]);
    expect(en!.headline).toBe("Yellow typhoon warning & gale warning for southern Jiangsu");
    expect(en!.description).toContain("force 8-9 <gusts 10> along");
  });

  it("takes GB18030-encoded documents, as some Chinese release systems send them", () => {
    const gb = alertXml.replace('encoding="UTF-8"', 'encoding="GB2312"');
    const bytes = Buffer.from(new Uint8Array(encodeGb18030(gb)));
    expect(parseCap(bytes).infos[0]!.senderName).toBe("常州市气象台");
  });

  it("defaults the language to en-US when an info has none, as CAP says", () => {
    const alert = parseCap(altered("<language>zh-CN</language>", ""));
    expect(alert.infos[0]!.language).toBe("en-US");
  });
});

describe("toCapXml", () => {
  it("gives back every fixture unchanged through parseCap (round trip)", () => {
    for (const name of ["changzhou-rainstorm-alert.xml", "changzhou-rainstorm-update.xml", "changzhou-rainstorm-cancel.xml", "jiangsu-typhoon-multi.xml"]) {
      const alert = parseCap(fixture(name));
      const xml = toCapXml(alert);
      expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
      expect(parseCap(xml), name).toStrictEqual(alert);
    }
  });

  it("escapes markup in text and writes numbers the parser reads back exactly", () => {
    const alert: CapAlert = {
      ...minimal,
      note: "a < b & c > d \"quoted\" 'single'",
      infos: [{
        language: "zh-CN", category: ["Safety"], event: "危化品泄漏 <test>", responseType: [], urgency: "Immediate",
        severity: "Extreme", certainty: "Observed", eventCodes: [], parameters: [], resources: [],
        areas: [{
          areaDesc: "武进区 & 周边",
          polygons: [[[31.712345, 119.9412], [31.7, 120.01], [31.65, 119.99], [31.712345, 119.9412]]],
          circles: [{ lat: -12.5, lon: 179.999, radiusKm: 0.25 }],
          geocodes: [],
        }],
      }],
    };
    expect(parseCap(toCapXml(alert))).toStrictEqual(alert);
  });

  it("writes references in CAP's sender,identifier,sent form", () => {
    expect(capReferencesString([
      { sender: "a", identifier: "1", sent: "2026-01-01T00:00:00+08:00" },
      { sender: "b", identifier: "2", sent: "2026-01-02T00:00:00-05:00" },
    ])).toBe("a,1,2026-01-01T00:00:00+08:00 b,2,2026-01-02T00:00:00-05:00");
  });
});

describe("parseCap refuses", () => {
  it("a DOCTYPE before the parser runs (XXE)", () => {
    const xxe = alertXml.replace("<alert", '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert')
      .replace("<note>", "<note>&xxe;");
    const err = refusal(xxe);
    expect(err.code).toBe("cap_doctype");
    expect(err.path).toBe("");
  });

  it("entity declarations without expanding them (billion laughs)", () => {
    const lol = ['<!DOCTYPE lolz [<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ""};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>\n${lol.join("\n")}]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>`;
    const started = process.memoryUsage().heapUsed;
    expect(refusal(bomb).code).toBe("cap_doctype");
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(50 * 1024 * 1024);
    // An entity declaration hidden in a UTF-16 document is seen too.
    expect(refusal(Buffer.from(`\uFEFF<!ENTITY x "y">${alertXml}`, "utf16le")).code).toBe("cap_doctype");
  });

  it("a document over 1 MB before reading it, and takes one just under", () => {
    // Inline resource content (derefUri) is the one element that may fill the whole megabyte.
    const resource = (n: number) => `<resource><resourceDesc>图</resourceDesc><mimeType>image/png</mimeType><derefUri>${"A".repeat(n)}</derefUri></resource><area>`;
    const padding = (n: number) => alertXml.replace("<area>", resource(n));
    const size = Buffer.byteLength(padding(0));
    const over = refusal(padding(CAP_MAX_BYTES - size + 1));
    expect(over.code).toBe("cap_too_large");
    expect(parseCap(padding(CAP_MAX_BYTES - size)).infos[0]!.resources[0]!.derefUri).toHaveLength(CAP_MAX_BYTES - size);
  });

  it("what is not well-formed XML, and an undeclared entity", () => {
    expect(refusal("<alert><identifier>x</alert>").code).toBe("cap_malformed");
    expect(refusal("not xml at all").code).toBe("cap_malformed");
    expect(refusal(altered("<headline>", "<headline>&nbsp;")).code).toBe("cap_malformed");
    expect(refusal(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e])).code).toBe("cap_malformed");
  });

  it("an alert in another namespace or another document element", () => {
    expect(refusal(altered("urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1"))).toMatchObject({ code: "cap_version", message: expect.stringContaining("must be CAP 1.2") });
    expect(refusal(altered("urn:oasis:names:tc:emergency:cap:1.2", "urn:example:other")).code).toBe("cap_malformed");
    expect(refusal('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>').code).toBe("cap_malformed");
  });

  it.each([
    ["identifier", "<identifier>32040041600000_20260720073000_1</identifier>", "", "identifier"],
    ["sender", "<sender>32040041600000</sender>", "", "sender"],
    ["sent", "<sent>2026-07-20T07:30:00+08:00</sent>", "", "sent"],
    ["status", "<status>Actual</status>", "", "status"],
    ["msgType", "<msgType>Alert</msgType>", "", "msgType"],
    ["scope", "<scope>Public</scope>", "", "scope"],
    ["info event", "<event>暴雨</event>", "", "info[0].event"],
    ["info category", "<category>Met</category>", "", "info[0].category"],
    ["info urgency", "<urgency>Expected</urgency>", "", "info[0].urgency"],
    ["info severity", "<severity>Severe</severity>", "", "info[0].severity"],
    ["info certainty", "<certainty>Likely</certainty>", "", "info[0].certainty"],
    ["areaDesc", "<areaDesc>常州市武进区、新北区、天宁区</areaDesc>", "", "info[0].area[0].areaDesc"],
    ["parameter value", "<value>橙色</value>", "", "info[0].parameter[0].value"],
  ])("a document without %s, naming its path", (_what, from, to, path) => {
    const err = refusal(altered(from, to));
    expect(err.code).toBe("cap_invalid");
    expect(err.path).toBe(path);
  });

  it.each([
    ["status", "<status>Actual</status>", "<status>Real</status>", "status"],
    ["msgType", "<msgType>Alert</msgType>", "<msgType>Warning</msgType>", "msgType"],
    ["scope", "<scope>Public</scope>", "<scope>Everyone</scope>", "scope"],
    ["category", "<category>Met</category>", "<category>Weather</category>", "info[0].category[0]"],
    ["responseType", "<responseType>Prepare</responseType>", "<responseType>Run</responseType>", "info[0].responseType[0]"],
    ["urgency", "<urgency>Expected</urgency>", "<urgency>Soon</urgency>", "info[0].urgency"],
    ["severity", "<severity>Severe</severity>", "<severity>severe</severity>", "info[0].severity"],
    ["certainty", "<certainty>Likely</certainty>", "<certainty>Sure</certainty>", "info[0].certainty"],
  ])("an unknown %s value, naming its path", (_what, from, to, path) => {
    const err = refusal(altered(from, to));
    expect(err.code).toBe("cap_invalid");
    expect(err.path).toBe(path);
    expect(err.message).toContain("is not one of");
  });

  it.each([
    ["Z instead of an offset", "2026-07-20T07:30:00Z"],
    ["no offset", "2026-07-20T07:30:00"],
    ["fractional seconds", "2026-07-20T07:30:00.000+08:00"],
    ["an impossible date", "2026-02-30T07:30:00+08:00"],
    ["a date only", "2026-07-20"],
  ])("a sent time with %s", (_what, sent) => {
    const err = refusal(altered("<sent>2026-07-20T07:30:00+08:00</sent>", `<sent>${sent}</sent>`));
    expect(err).toMatchObject({ code: "cap_invalid", path: "sent" });
  });

  it("an expires time without an offset, naming the info", () => {
    expect(refusal(altered("<expires>2026-07-21T07:30:00+08:00</expires>", "<expires>2026-07-21T07:30:00</expires>")))
      .toMatchObject({ code: "cap_invalid", path: "info[0].expires" });
  });

  it("an unclosed polygon in the second area, naming info[0].area[1].polygon[0]", () => {
    const second = "<area><areaDesc>湖塘镇</areaDesc><polygon>31.70,119.90 31.70,120.00 31.60,120.00 31.60,119.90</polygon></area>";
    const err = refusal(altered("  </info>", `${second}\n  </info>`));
    expect(err).toMatchObject({ code: "cap_invalid", path: "info[0].area[1].polygon[0]" });
    expect(err.message).toContain("not closed");
  });

  it("polygons with fewer than four points, out-of-range coordinates or a bad pair", () => {
    const polygon = "<polygon>31.92,119.78 31.92,120.18 31.52,120.18 31.52,119.78 31.92,119.78</polygon>";
    for (const bad of ["31.92,119.78 31.92,120.18 31.92,119.78", "91.0,119.78 31.92,120.18 31.52,120.18 91.0,119.78", "31.92,119.78 31.92;120.18 31.52,120.18 31.92,119.78", "31.9,190 31.92,120.18 31.52,120.18 31.9,190"]) {
      expect(refusal(altered(polygon, `<polygon>${bad}</polygon>`))).toMatchObject({ code: "cap_invalid", path: "info[0].area[0].polygon[0]" });
    }
  });

  it("a circle that is not lat,lon radius", () => {
    const err = refusal(altered("<geocode>", "<circle>31.7,119.9</circle><geocode>"));
    expect(err).toMatchObject({ code: "cap_invalid", path: "info[0].area[0].circle[0]" });
  });

  it("restriction without scope Restricted, and takes it with Restricted", () => {
    const withRestriction = altered("<code>", "<restriction>仅限防汛责任单位</restriction><code>");
    expect(refusal(withRestriction)).toMatchObject({ code: "cap_invalid", path: "restriction" });
    expect(parseCap(withRestriction.replace("<scope>Public</scope>", "<scope>Restricted</scope>")).restriction).toBe("仅限防汛责任单位");
  });

  it("scope Private without addresses, and addresses with another scope", () => {
    expect(refusal(altered("<scope>Public</scope>", "<scope>Private</scope>"))).toMatchObject({ code: "cap_invalid", path: "addresses" });
    expect(refusal(altered("<code>", "<addresses>wujin-duty</addresses><code>"))).toMatchObject({ code: "cap_invalid", path: "addresses" });
    const privateAlert = altered("<scope>Public</scope>", '<scope>Private</scope><addresses>wujin-duty "湖塘镇 值班室"</addresses>');
    expect(parseCap(privateAlert).addresses).toBe('wujin-duty "湖塘镇 值班室"');
  });

  it("references that are not sender,identifier,sent, and an Update without references", () => {
    const update = fixture("changzhou-rainstorm-update.xml").toString("utf8");
    const bad = update.replace(/<references>.*<\/references>/, "<references>32040041600000_20260720073000_1</references>");
    expect(refusal(bad)).toMatchObject({ code: "cap_invalid", path: "references" });
    const badTime = update.replace("2026-07-20T07:30:00+08:00</references>", "2026-07-20 07:30</references>");
    expect(refusal(badTime)).toMatchObject({ code: "cap_invalid", path: "references" });
    expect(refusal(update.replace(/<references>.*<\/references>/, ""))).toMatchObject({ code: "cap_invalid", path: "references" });
  });

  it("an identifier with a space or comma, a repeated single element and an unknown CAP element", () => {
    expect(refusal(altered("<identifier>32040041600000_20260720073000_1", "<identifier>320400 416"))).toMatchObject({ path: "identifier" });
    expect(refusal(altered("<sender>32040041600000", "<sender>a,b"))).toMatchObject({ path: "sender" });
    expect(refusal(altered("<event>暴雨</event>", "<event>暴雨</event><event>大风</event>"))).toMatchObject({ path: "info[0].event" });
    expect(refusal(altered("<event>暴雨</event>", "<event>暴雨</event><level>orange</level>"))).toMatchObject({ path: "info[0].level" });
  });

  it("a web address that is not absolute, and a resource size that is not a number", () => {
    expect(refusal(altered("<web>http://js.weather.com.cn/changzhou/</web>", "<web>/changzhou/</web>"))).toMatchObject({ path: "info[0].web" });
    const typhoon = fixture("jiangsu-typhoon-multi.xml").toString("utf8").replace("<cap:size>284311</cap:size>", "<cap:size>280KB</cap:size>");
    expect(refusal(typhoon)).toMatchObject({ path: "info[0].resource[0].size" });
  });
});

/** GB18030 bytes of a string (Node decodes GB18030 but does not encode it): a small table for the characters used. */
function encodeGb18030(text: string): number[] {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  const wanted = new Set([...text].filter((c) => c.charCodeAt(0) > 0x7f));
  for (let hi = 0x81; hi <= 0xfe && table.size < wanted.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (wanted.has(ch) && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return [...text].flatMap((c) => (c.charCodeAt(0) <= 0x7f ? [c.charCodeAt(0)] : table.get(c) ?? [...Buffer.from(c)]));
}
