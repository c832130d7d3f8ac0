import { describe, expect, it } from "vitest";
import { passwordProblem, hashPassword, verifyPassword } from "./passwords.ts";
import { base32Decode, base32Encode, totpAt, verifyTotp } from "./totp.ts";

describe("password policy", () => {
  it("refuses short passwords, too few classes, common passwords and the username", () => {
    expect(passwordProblem("Ab1!")).toMatch(/至少 8 位/);
    expect(passwordProblem("abcdefgh1")).toMatch(/三类/);
    expect(passwordProblem("P@ssw0rd")).toMatch(/常见/);
    expect(passwordProblem("Zhang#2030x", "zhang")).toMatch(/用户名/);
    expect(passwordProblem("x".repeat(60) + "A1!b" + "y")).toMatch(/最多 64 位/);
  });
  it("accepts a long password from three classes", () => {
    expect(passwordProblem("Hutang#duty2030")).toBeNull();
    expect(passwordProblem("correct horse battery 7")).toBeNull();
  });
  it("verifies a hash of the same password and refuses another", async () => {
    const h = await hashPassword("Hutang#duty2030");
    expect(await verifyPassword("Hutang#duty2030", h)).toBe(true);
    expect(await verifyPassword("Hutang#duty2031", h)).toBe(false);
  });
});

describe("TOTP", () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890".
  const secret = base32Encode(Buffer.from("12345678901234567890"));
  it("matches the RFC 6238 test vectors", () => {
    expect(totpAt(secret, Math.floor(59 / 30))).toBe("287082");
    expect(totpAt(secret, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpAt(secret, Math.floor(2000000000 / 30))).toBe("279037");
  });
  it("round-trips base32", () => {
    expect(base32Decode(secret).toString()).toBe("12345678901234567890");
  });
  it("accepts one step of drift and never the same step twice", () => {
    const now = 1111111109_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(secret, totpAt(secret, step - 1), null, now)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, step - 2), null, now)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, step), step, now)).toBeNull();
    expect(verifyTotp(secret, "000000", null, now)).toBeNull();
  });
});
