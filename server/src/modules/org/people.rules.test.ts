import { describe, expect, it } from "vitest";
import { maskPhone } from "./people.rules.ts";

describe("maskPhone", () => {
  it("masks the middle four digits of a mobile number", () => expect(maskPhone("13812341234")).toBe("138****1234"));
  it("keeps the area code (and the extension) of a fixed line in every accepted form", () => {
    expect(maskPhone("0519-86881234")).toBe("0519-****1234");
    expect(maskPhone("051986881234")).toBe("0519-****1234");
    expect(maskPhone("(0519)86881234")).toBe("0519-****1234");
    expect(maskPhone("0519-86881234-801")).toBe("0519-****1234-801");
  });
  // Security notes, input finding 12: a stored 1380000 was masked into a plausible 11-digit number.
  it("shows every stored value that is no valid number as 号码有误, never a plausible mask", () => {
    for (const bad of ["1380000", "1391111", "110", "86881234", "12812341234", "138123412345", "0519-0688123", "0519 86881234", "+8613812341234"]) {
      expect(maskPhone(bad), bad).toBe("号码有误");
    }
  });
  it("passes null through", () => expect(maskPhone(null)).toBeNull());
});
