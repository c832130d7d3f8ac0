/**
 * Whole classes of CAP 1.2 documents: every way of writing a valid document (namespaces,
 * prefixes, foreign elements, whitespace, CDATA, comments, processing instructions, BOMs and
 * encodings, offsets, empty values, every optional element) is accepted and round-trips; every
 * kind of hostile or broken document is refused with its code and, for content, its path.
 */
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { CAP_LIMITS, CAP_MAX_BYTES } from "@yingji/contracts";
import { CapError, parseCap, readCapDocument, toCapXml } from "./cap.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url)).toString("utf8");
const every = fixture("every-element.xml");
const rain = fixture("changzhou-rainstorm-alert.xml");
const NS = "urn:oasis:names:tc:emergency:cap:1.2";

function swap(doc: string, from: string | RegExp, to: string): string {
  const out = doc.replace(from, to);
  if (out === doc) throw new Error(`fixture has no ${String(from)}`);
  return out;
}
const withoutDecl = (doc: string) => doc.replace(/^<\?xml[^>]*\?>\s*/, "");
const decl = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>\n`;
const utf16 = (text: string, endian: "le" | "be", bom = true) => {
  const le = Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf16le");
  return endian === "le" ? le : Buffer.from(le).swap16();
};
/** A small alert whose text is Latin, for single-byte encodings. */
const latin = swap(withoutDecl(rain), /<info>[\s\S]*<\/info>/, `<info><language>fr-FR</language><category>Met</category><event>Orage à Évian</event>
  <urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><headline>Alerte orange : orages, grêle — Lac Léman</headline></info>`);

/** Valid documents: [name, document, a check of what was read]. */
const VALID: Array<[string, string | Buffer, (a: ReturnType<typeof parseCap>) => void]> = [
  ["every element, repeated ones repeated", every, (a) => {
    expect(a).toMatchObject({ status: "Exercise", msgType: "Update", scope: "Restricted", restriction: "仅限防汛责任单位", codes: ["GB/T 35965.1-2018", "drill-2026"], incidents: "flood-2026-08 drill-7" });
    expect(a.references.map((r) => r.sent)).toEqual(["2026-08-01T08:00:00+08:00", "2026-08-01T00:00:00-00:00"]);
    const [zh, en] = a.infos;
    expect(zh).toMatchObject({ category: ["Met", "Infra"], responseType: ["Prepare", "Monitor"], audience: "防汛责任人", onset: "2026-08-01T10:00:00+08:00", contact: "0519-86310000" });
    expect(zh!.eventCodes[1]).toEqual({ valueName: "local", value: "" });
    expect(zh!.parameters[1]).toEqual({ valueName: "备注", value: "" });
    expect(zh!.areas[0]!.geocodes[1]).toEqual({ valueName: "村代码", value: "" });
    expect(zh!.areas[0]).toMatchObject({ altitude: -30, ceiling: 1500.5, circles: [{ lat: 31.65, lon: 119.95, radiusKm: 0 }, { lat: 31.65, lon: 119.95, radiusKm: 12.5 }] });
    expect(zh!.resources[0]!.derefUri).toMatch(/^iVBOR/);
    expect(en!.language).toBe("en-US");
  }],
  ["the cap: prefix", rain.replace(/<(\/?)(\w+)/g, (_m, slash: string, name: string) => `<${slash}cap:${name}`).replace('<cap:alert xmlns="', '<cap:alert xmlns:cap="').replace("<cap:?xml", "<?xml"),
    (a) => expect(a.infos[0]!.event).toBe("暴雨")],
  ["another prefix bound to CAP on an inner element", swap(rain, "<info>", `<c:info xmlns:c="${NS}">`).replace("</info>", "</c:info>").replace(/<(\/?)(language|event|urgency)>/g, "<$1c:$2>"),
    (a) => expect(a.infos[0]!.language).toBe("zh-CN")],
  ["foreign elements and attributes, ignored", swap(swap(rain, "<sender>", '<ext:routing xmlns:ext="urn:example:ext"><ext:hop>省平台</ext:hop></ext:routing><sender ext:id="1" xmlns:ext="urn:example:ext">'),
    "<areaDesc>", '<x:shape xmlns:x="urn:example:gis">POINT(1 2)</x:shape><areaDesc xml:lang="zh">'), (a) => expect(a.sender).toBe("32040041600000")],
  ["an XInclude is an ignored foreign element, never followed", swap(rain, "<code>", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/><code>'), (a) => expect(JSON.stringify(a)).not.toContain("root:")],
  ["whitespace, line breaks and CRLF around values", swap(rain, "<identifier>32040041600000_20260720073000_1</identifier>", "<identifier>\r\n   32040041600000_20260720073000_1\r\n </identifier>").replace(/\n/g, "\r\n"),
    (a) => expect(a.identifier).toBe("32040041600000_20260720073000_1")],
  ["CDATA, split CDATA and markup inside CDATA", swap(rain, /<description>[\s\S]*?<\/description>/, "<description><![CDATA[第一段 <b>加粗</b> & ]]>续<![CDATA[完]]></description>"),
    (a) => expect(a.infos[0]!.description).toBe("第一段 <b>加粗</b> & 续完")],
  ["comments and processing instructions everywhere", swap(swap(rain, "<identifier>", "<!-- 值班 --><?routing hop=1?><identifier><!--x-->"), "<event>暴雨", "<event><?pi?>暴<!-- y -->雨").replace("</alert>", "</alert>\n<!-- end -->\n<?done?>"),
    (a) => { expect(a.identifier).toBe("32040041600000_20260720073000_1"); expect(a.infos[0]!.event).toBe("暴雨"); }],
  ["character references for Chinese text", swap(rain, "<event>暴雨</event>", "<event>&#x66B4;&#38632;</event>"), (a) => expect(a.infos[0]!.event).toBe("暴雨")],
  ["no XML declaration", withoutDecl(rain), (a) => expect(a.msgType).toBe("Alert")],
  ["standalone in the declaration", swap(rain, 'encoding="UTF-8"?>', 'encoding="UTF-8" standalone="yes"?>'), (a) => expect(a.msgType).toBe("Alert")],
  ["single-quoted declaration, lower-case utf-8", swap(rain, '<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='utf-8'?>"), (a) => expect(a.msgType).toBe("Alert")],
  ["UTF-8 with a BOM and a declaration", Buffer.from(`\uFEFF${rain}`), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["UTF-8 with a BOM and no declaration", Buffer.from(`\uFEFF${withoutDecl(rain)}`), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["UTF-16LE with a BOM and a matching declaration", utf16(rain.replace("UTF-8", "UTF-16"), "le"), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["UTF-16BE with a BOM and no declaration", utf16(withoutDecl(rain), "be"), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["UTF-16LE without a BOM, declared", utf16(rain.replace("UTF-8", "UTF-16LE"), "le", false), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["GB2312 declared, GB bytes", iconv.encode(rain.replace("UTF-8", "GB2312"), "gb18030"), (a) => expect(a.infos[0]!.senderName).toBe("常州市气象台")],
  ["GB18030 declared", iconv.encode(rain.replace("UTF-8", "GB18030"), "gb18030"), (a) => expect(a.infos[0]!.headline).toContain("暴雨橙色")],
  ["Big5 declared", iconv.encode(rain.replace("UTF-8", "Big5").replace("常州市气象台", "常州市氣象台"), "big5"), (a) => expect(a.infos[0]!.senderName).toBe("常州市氣象台")],
  ["ISO-8859-1 declared", iconv.encode(decl("ISO-8859-1") + latin, "latin1"), (a) => expect(a.infos[0]!.event).toBe("Orage à Évian")],
  ["windows-1252 declared (an em dash)", iconv.encode(decl("windows-1252") + latin, "windows-1252"), (a) => expect(a.infos[0]!.headline).toContain("— Lac Léman")],
  ["ISO-8859-15 declared", iconv.encode(decl("iso-8859-15") + latin, "iso-8859-15"), (a) => expect(a.infos[0]!.event).toBe("Orage à Évian")],
  ["US-ASCII declared", decl("US-ASCII") + withoutDecl(every).replace(/[^\x00-\x7f]/g, "x"), (a) => expect(a.status).toBe("Exercise")],
  ["offsets -00:00, +14:00, -09:30 and a leap day", swap(swap(swap(rain, "<sent>2026-07-20T07:30:00+08:00", "<sent>2028-02-29T23:59:59-00:00"), "<effective>2026-07-20T07:30:00+08:00", "<effective>2026-07-20T07:30:00+14:00"),
    "<expires>2026-07-21T07:30:00+08:00", "<expires>2026-07-21T07:30:00-09:30"), (a) => expect(a.sent).toBe("2028-02-29T23:59:59-00:00")],
  ["empty optional elements, self-closed", swap(rain, "<code>", "<note/><source></source><incidents/><code>"), (a) => expect(a.note).toBeUndefined()],
  ["an info without area and an alert of status System", swap(swap(rain, /<area>[\s\S]*<\/area>/, ""), "<status>Actual", "<status>System"), (a) => expect(a.infos[0]!.areas).toEqual([])],
  ["an Ack without info, scope Private", `<alert xmlns="${NS}"><identifier>ack-1</identifier><sender>a@b</sender><sent>2026-07-20T07:30:00+08:00</sent><status>Actual</status><msgType>Ack</msgType><scope>Private</scope><addresses>"湖塘 值班室" wujin</addresses><references>x,y,2026-07-20T07:00:00+08:00</references></alert>`,
    (a) => expect(a).toMatchObject({ msgType: "Ack", infos: [], addresses: '"湖塘 值班室" wujin' })],
  ["elements out of the schema's order", swap(rain, /(<identifier>.*<\/identifier>)\s*(<sender>.*<\/sender>)/, "$2$1"), (a) => expect(a.identifier).toBe("32040041600000_20260720073000_1")],
  ["a polygon written over several lines, a circle with a tab", swap(swap(rain, "31.92,119.78 31.92,120.18 31.52,120.18", "31.92,119.78\n        31.92,120.18   31.52,120.18"), "<geocode>", "<circle>31.7,119.9\t+5e0</circle><geocode>"),
    (a) => expect(a.infos[0]!.areas[0]!.circles).toEqual([{ lat: 31.7, lon: 119.9, radiusKm: 5 }])],
  ["the largest counts and numbers accepted", swap(rain, /<area>[\s\S]*<\/area>/, `<area><areaDesc>x</areaDesc><polygon>${closedRing(CAP_LIMITS.polygonPoints)}</polygon><circle>-90,-180 ${CAP_LIMITS.radiusKm}</circle><altitude>-${CAP_LIMITS.altitudeFeet}</altitude><ceiling>${CAP_LIMITS.altitudeFeet}</ceiling></area>`),
    (a) => expect(a.infos[0]!.areas[0]!.polygons[0]).toHaveLength(CAP_LIMITS.polygonPoints)],
  ["an enveloped signature (kept, not read as CAP)", swap(rain, "</alert>", `<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/><SignatureValue>AA==</SignatureValue></Signature></alert>`),
    (a) => expect(a.identifier).toBe("32040041600000_20260720073000_1")],
];

function closedRing(points: number): string {
  const ring = Array.from({ length: points - 1 }, (_, i) => `${(31 + Math.sin(i) / 10).toFixed(6)},${(120 + Math.cos(i) / 10).toFixed(6)}`);
  return [...ring, ring[0]].join(" ");
}

describe("valid CAP 1.2 documents", () => {
  it.each(VALID)("accepts %s and round-trips it", (_name, doc, check) => {
    const alert = parseCap(doc);
    check(alert);
    expect(parseCap(toCapXml(alert))).toStrictEqual(alert);
  });
});

function refusal(doc: string | Buffer): CapError {
  try {
    readCapDocument(doc);
  } catch (err) {
    if (err instanceof CapError) return err;
    throw err;
  }
  throw new Error("the document was accepted");
}

const laughs = (() => {
  const lol = ['<!DOCTYPE lolz [<!ENTITY lol "lol">'];
  for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ""};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n${lol.join("\n")}]>\n<alert xmlns="${NS}"><identifier>&lol9;</identifier></alert>`;
})();
const many = (n: number, item: string) => Array.from({ length: n }, () => item).join("");
const inArea = (xml: string) => swap(rain, "<geocode>", `${xml}<geocode>`);

/** Hostile and broken documents: [name, document, code, path (undefined: not checked), words of the message]. */
const HOSTILE: Array<[string, string | Buffer, string, string | undefined, string?]> = [
  ["a DOCTYPE with an external entity (XXE)", swap(rain, "<alert", '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<alert'), "cap_doctype", ""],
  ["a parameter entity fetching a DTD", swap(rain, "<alert", '<!DOCTYPE alert [<!ENTITY % dtd SYSTEM "http://127.0.0.1:1/x.dtd"> %dtd;]>\n<alert'), "cap_doctype", ""],
  ["a DOCTYPE with a public external subset", swap(rain, "<alert", '<!DOCTYPE alert PUBLIC "-//X//DTD//EN" "http://127.0.0.1:1/cap.dtd">\n<alert'), "cap_doctype", ""],
  ["billion laughs", laughs, "cap_doctype", ""],
  ["an entity declaration hidden in UTF-16", utf16(`<!ENTITY x "y">${withoutDecl(rain)}`, "le"), "cap_doctype", ""],
  ["an undeclared entity reference", swap(rain, "<code>", "<code>&xxe;"), "cap_malformed", ""],
  ["an HTML entity", swap(rain, "<headline>", "<headline>&nbsp;"), "cap_malformed", ""],
  ["over 1 MB", rain + " ".repeat(CAP_MAX_BYTES), "cap_too_large", ""],
  ["elements nested 10,000 deep", swap(rain, "<code>", `${many(10_000, "<x:d xmlns:x='urn:x'>")}${many(10_000, "</x:d>")}<code>`), "cap_malformed", "", "nested deeper"],
  ["a NUL byte", Buffer.concat([Buffer.from(rain.slice(0, 200)), Buffer.from([0]), Buffer.from(rain.slice(200))]), "cap_malformed", "", "U+0000"],
  ["a NUL character reference", swap(rain, "<code>", "<code>&#0;"), "cap_malformed", "", "&#0;"],
  ["a control character", swap(rain, "<event>暴雨", "<event>暴\u0007雨"), "cap_malformed", "", "U+0007"],
  ["a lone surrogate reference", swap(rain, "<code>", "<code>&#xD800;"), "cap_malformed", ""],
  ["an unclosed element", rain.replace("</alert>", ""), "cap_malformed", ""],
  ["mismatched tags", swap(rain, "</event>", "</evnt>"), "cap_malformed", ""],
  ["a bare ampersand", swap(rain, "<event>暴雨", "<event>暴 & 雨"), "cap_malformed", ""],
  ["two document elements", rain + `<alert xmlns="${NS}"/>`, "cap_malformed", ""],
  ["text after the document element", `${rain}trailing`, "cap_malformed", ""],
  ["a repeated attribute", swap(rain, "<alert ", '<alert a="1" a="2" '), "cap_malformed", ""],
  ["an undeclared prefix", swap(rain, "<code>", "<z:x/><code>"), "cap_malformed", ""],
  ["an empty document", "", "cap_malformed", ""],
  ["not XML", "预警：暴雨", "cap_malformed", ""],
  ["a declaration that is not well-formed", swap(rain, '<?xml version="1.0" encoding="UTF-8"?>', '<?xml encoding="UTF-8"?>'), "cap_malformed", ""],
  ["another namespace", swap(rain, NS, "urn:example:not-cap"), "cap_malformed", "", "CAP 1.2"],
  ["no namespace", swap(rain, ` xmlns="${NS}"`, ""), "cap_malformed", "", "CAP 1.2"],
  ["CAP 1.1", swap(rain, NS, "urn:oasis:names:tc:emergency:cap:1.1"), "cap_version", "", "must be CAP 1.2"],
  ["CAP 1.0", swap(rain, NS, "http://www.incident.com/cap/1.0"), "cap_version", "", "must be CAP 1.2"],
  ["another document element", '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "cap_malformed", ""],
  ["declared UTF-8, GB bytes", iconv.encode(rain, "gb18030"), "cap_malformed", "", "UTF-8"],
  ["declared GB2312, bytes that are not", Buffer.concat([Buffer.from(rain.replace("UTF-8", "GB2312").slice(0, 300)), Buffer.from([0x81, 0x20]), Buffer.from("</alert>")]), "cap_malformed", ""],
  ["declared UTF-16, ASCII bytes", rain.replace("UTF-8", "UTF-16"), "cap_malformed", ""],
  ["a UTF-16 BOM, declared ISO-8859-1", utf16(rain.replace("UTF-8", "ISO-8859-1"), "le"), "cap_malformed", "", "declares"],
  ["a UTF-8 BOM, declared GBK", Buffer.from(`\uFEFF${rain.replace("UTF-8", "GBK")}`), "cap_malformed", "", "byte order mark"],
  ["declared UTF-7", swap(rain, "UTF-8", "UTF-7"), "cap_malformed", "", "unsupported encoding"],
  ["an unknown encoding", swap(rain, "UTF-8", "x-klingon"), "cap_malformed", "", "unsupported encoding"],
  ["declared Shift_JIS, bytes that do not decode", Buffer.concat([Buffer.from(decl("Shift_JIS") + withoutDecl(latin).slice(0, 200)), Buffer.from([0x81, 0x7f, 0xa0]), Buffer.from("</alert>")]), "cap_malformed", ""],
  ["a Z time", swap(rain, "<sent>2026-07-20T07:30:00+08:00", "<sent>2026-07-20T07:30:00Z"), "cap_invalid", "sent"],
  ["a year before 1900", swap(rain, "<sent>2026", "<sent>0000"), "cap_invalid", "sent"],
  ["an offset past 14 hours", swap(rain, "<sent>2026-07-20T07:30:00+08:00", "<sent>2026-07-20T07:30:00+15:00"), "cap_invalid", "sent"],
  ["a bad status", swap(rain, "<status>Actual", "<status>actual"), "cap_invalid", "status"],
  ["a bad msgType", swap(rain, "<msgType>Alert", "<msgType>Notice"), "cap_invalid", "msgType"],
  ["a bad scope", swap(rain, "<scope>Public", "<scope>All"), "cap_invalid", "scope"],
  ["a bad category", swap(rain, "<category>Met", "<category>Weather"), "cap_invalid", "info[0].category[0]"],
  ["a bad responseType", swap(rain, "<responseType>Prepare", "<responseType>Flee"), "cap_invalid", "info[0].responseType[0]"],
  ["a bad urgency", swap(rain, "<urgency>Expected", "<urgency>Now"), "cap_invalid", "info[0].urgency"],
  ["a bad severity", swap(rain, "<severity>Severe", "<severity>High"), "cap_invalid", "info[0].severity"],
  ["a bad certainty", swap(rain, "<certainty>Likely", "<certainty>Sure"), "cap_invalid", "info[0].certainty"],
  ["an unclosed polygon", swap(rain, "31.52,119.78 31.92,119.78<", "31.52,119.78 31.92,119.79<"), "cap_invalid", "info[0].area[0].polygon[0]", "not closed"],
  ["an absurd radius", inArea("<circle>31.7,119.9 99999999999</circle>"), "cap_invalid", "info[0].area[0].circle[0]", "radius"],
  ["a negative radius", inArea("<circle>31.7,119.9 -1</circle>"), "cap_invalid", "info[0].area[0].circle[0]"],
  ["a number too large for a double", inArea("<circle>31.7,119.9 1e999</circle>"), "cap_invalid", "info[0].area[0].circle[0]"],
  ["a latitude of 91", inArea("<circle>91,119.9 1</circle>"), "cap_invalid", "info[0].area[0].circle[0]", "latitude"],
  ["a longitude of 181", inArea("<circle>31,181 1</circle>"), "cap_invalid", "info[0].area[0].circle[0]", "longitude"],
  ["NaN as a coordinate", inArea("<circle>NaN,120 1</circle>"), "cap_invalid", "info[0].area[0].circle[0]"],
  ["an absurd altitude", swap(rain, "</area>", "<altitude>99999999999</altitude></area>"), "cap_invalid", "info[0].area[0].altitude"],
  ["a ceiling below the altitude", swap(rain, "</area>", "<altitude>100</altitude><ceiling>50</ceiling></area>"), "cap_invalid", "info[0].area[0].ceiling"],
  ["a polygon of too many points", inArea(`<polygon>${closedRing(CAP_LIMITS.polygonPoints + 1)}</polygon>`), "cap_invalid", "info[0].area[0].polygon[1]"],
  ["too many polygons in one info, over its areas", swap(rain, "</info>", `<area><areaDesc>y</areaDesc>${many(CAP_LIMITS.polygonsPerInfo, "<polygon>1,1 1,2 2,2 1,1</polygon>")}</area></info>`), "cap_invalid", "info[0].area", "polygons"],
  ["too many circles in one area", inArea(many(CAP_LIMITS.circlesPerInfo + 1, "<circle>1,1 1</circle>")), "cap_invalid", "info[0].area[0].circle"],
  ["too many infos", swap(rain, /<info>[\s\S]*<\/info>/, (m) => many(CAP_LIMITS.infos + 1, m)), "cap_invalid", "info"],
  ["too many areas", swap(rain, /<area>[\s\S]*<\/area>/, many(CAP_LIMITS.areasPerInfo + 1, "<area><areaDesc>x</areaDesc></area>")), "cap_invalid", "info[0].area"],
  ["too many resources", swap(rain, "<area>", `${many(CAP_LIMITS.resourcesPerInfo + 1, "<resource><resourceDesc>r</resourceDesc><mimeType>text/plain</mimeType></resource>")}<area>`), "cap_invalid", "info[0].resource"],
  ["too many codes", swap(rain, "<code>", `${many(CAP_LIMITS.codes, "<code>x</code>")}<code>`), "cap_invalid", "code"],
  ["an overlong headline", swap(rain, "<headline>", `<headline>${"长".repeat(CAP_LIMITS.short + 1)}`), "cap_invalid", "info[0].headline"],
  ["an overlong identifier", swap(rain, "<identifier>", `<identifier>${"x".repeat(CAP_LIMITS.token + 1)}`), "cap_invalid", "identifier"],
  ["a resource size of 16 digits", swap(rain, "<area>", "<resource><resourceDesc>r</resourceDesc><mimeType>text/plain</mimeType><size>1234567890123456</size></resource><area>"), "cap_invalid", "info[0].resource[0].size"],
  ["derefUri that is not base64", swap(rain, "<area>", "<resource><resourceDesc>r</resourceDesc><mimeType>text/plain</mimeType><derefUri>not base64!</derefUri></resource><area>"), "cap_invalid", "info[0].resource[0].derefUri"],
  ["a missing value of a geocode", swap(rain, "<value>320412</value>", ""), "cap_invalid", "info[0].area[0].geocode[0].value"],
  ["markup inside a text element", swap(rain, "<event>暴雨", "<event><b>暴雨</b>"), "cap_invalid", "info[0].event"],
  ["an unknown CAP element", swap(rain, "<code>", "<level>2</level><code>"), "cap_invalid", "level"],
  ["an EDXL-DE envelope without a CAP alert", '<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0"><distributionID>d</distributionID><contentObject><xmlContent><embeddedXMLContent><x xmlns="urn:x"/></embeddedXMLContent></xmlContent></contentObject></EDXLDistribution>',
    "cap_invalid", "contentObject"],
];

describe("hostile and broken documents", () => {
  it.each(HOSTILE)("refuses %s", (_name, doc, code, path, words) => {
    const started = Date.now();
    const err = refusal(doc);
    expect({ code: err.code, message: err.message }).toMatchObject({ code, ...(words ? { message: expect.stringContaining(words) } : {}) });
    if (path !== undefined) expect(err.path).toBe(path);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
