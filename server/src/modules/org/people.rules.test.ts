import { describe, expect, it } from "vitest";
import { maskPhone } from "./people.rules.ts";

describe("maskPhone", () => {
  it("masks the middle four digits of a mobile number", () => expect(maskPhone("13812341234")).toBe("138****1234"));
  it("keeps the area code of a fixed line", () => expect(maskPhone("0519-86881234")).toBe("0519-****1234"));
  it("hides short numbers entirely", () => expect(maskPhone("110")).toBe("****"));
  it("passes null through", () => expect(maskPhone(null)).toBeNull());
});
