export type CapErrorCode = "cap_too_large" | "cap_doctype" | "cap_malformed" | "cap_version" | "cap_invalid";

/** A refused document; `path` names the faulty element ("info[0].area[1].polygon[0]"), "" for the whole document. */
export class CapError extends Error {
  code: CapErrorCode;
  path: string;
  constructor(code: CapErrorCode, path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = "CapError";
    this.code = code;
    this.path = path;
  }
}
