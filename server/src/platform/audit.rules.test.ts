import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH } from "./audit.ts";

describe("audit hashing", () => {
  it("serialises objects with sorted keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
  it("changes the hash when any field or the previous hash changes", () => {
    const e = { at: new Date("2026-01-01T00:00:00Z"), actorId: null, actorName: "a", ip: "1.2.3.4", action: "x", entity: null, entityId: null, before: null, after: { n: 1 } };
    const h = entryHash(GENESIS_HASH, e);
    expect(entryHash(GENESIS_HASH, { ...e })).toBe(h);
    expect(entryHash(GENESIS_HASH, { ...e, after: { n: 2 } })).not.toBe(h);
    expect(entryHash("1".repeat(64), e)).not.toBe(h);
  });
});
