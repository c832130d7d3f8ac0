/**
 * The parser on whole classes of documents (fixtures/variants.ts): every valid variant accepted and
 * round-tripped, every hostile or broken one refused with its code, its path and quickly.
 */
import { describe, expect, it } from "vitest";
import { CapError, parseCap, readCapDocument, toCapXml } from "./cap.ts";
import { HOSTILE, VALID } from "./fixtures/variants.ts";

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

describe("hostile and broken documents", () => {
  it.each(HOSTILE)("refuses %s", (_name, doc, code, path, words) => {
    const started = Date.now();
    const err = refusal(doc);
    expect({ code: err.code, message: err.message }).toMatchObject({ code, ...(words ? { message: expect.stringContaining(words) } : {}) });
    if (path !== undefined) expect(err.path).toBe(path);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
