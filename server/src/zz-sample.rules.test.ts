// TEMPORARY (test-infrastructure check) — deleted right after
import { expect, it } from "vitest";
it("pure rule", () => { expect(process.env.TEST_DB).toBe("pglite"); });
