import { describe, expect, it } from "vitest";
import { attachmentDisposition, safeFileName } from "./content-disposition.ts";

describe("download names", () => {
  it("does keep a CAP identifier readable and replace what file systems refuse", () => {
    expect(safeFileName("urn:oid:2.49.0.1.156.0.2026.1.cap.xml")).toBe("urn_oid_2.49.0.1.156.0.2026.1.cap.xml");
    expect(safeFileName('a/b\\c*d?e"f<g>h|i;j')).toBe("a_b_c_d_e_f_g_h_i_j");
    expect(safeFileName("  ..  ", "x")).toBe("x");
    expect(safeFileName("名".repeat(400))).toHaveLength(150);
  });

  it("does give every input kind a header of printable ASCII with the full name in filename*", () => {
    for (const name of ["CN-320412-2026-0001.cap.xml", "暴雨红色预警.cap.xml", 'quote"and\r\nnewline.xml', "it's (1)*.xml", "\u0000\u007f"]) {
      const header = attachmentDisposition(name, "fallback.xml");
      expect(header, name).toMatch(/^[\x20-\x7e]+$/);
      const star = /filename\*=UTF-8''(.+)$/.exec(header)![1];
      expect(star, name).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
      expect(decodeURIComponent(star), name).toBe(safeFileName(name, "fallback.xml"));
      expect(/filename="([^"]*)"/.exec(header)![1].length, name).toBe(safeFileName(name, "fallback.xml").length);
    }
  });
});
