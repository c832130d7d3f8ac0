/**
 * Content-Disposition for a download whose name comes from data (a CAP identifier, a title):
 * characters no file system accepts become "_", and the name goes both as an ASCII fallback
 * (filename=) and in full as UTF-8 (filename*=, RFC 5987/6266), so a header never breaks.
 */

const UNSAFE = /[\u0000-\u001f\u007f"\\/:*?<>|;]+/g;

/** A file name that every file system takes: no separators or reserved characters, at most 150 characters. */
export function safeFileName(name: string, fallback = "download"): string {
  const cleaned = name.replace(UNSAFE, "_").replace(/\s+/g, " ").replace(/^[\s.]+|[\s.]+$/g, "").slice(0, 150);
  return cleaned || fallback;
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * ! which attr-char does not allow (except !). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function attachmentDisposition(name: string, fallback?: string): string {
  const file = safeFileName(name, fallback);
  const ascii = file.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(file)}`;
}
