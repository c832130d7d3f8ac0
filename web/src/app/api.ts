/**
 * The one HTTP client of the web app: same-origin fetch with the session cookie, JSON
 * in and out, the CSRF token on every write, and errors in the server's one shape
 * (`{ error: { code, message, details } }`) turned into `ApiError`.
 */
import type { Me } from "@yingji/contracts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Keeps the CSRF token of the current session (from login and GET /api/auth/me). */
export function rememberSession(me: Pick<Me, "csrfToken"> | null) {
  csrfToken = me?.csrfToken ?? null;
}

/** What to do when a request answers 401 (the shells send the user to their login page). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** JSON body; a Blob/File is sent raw with its own type (uploads). */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  /** Do not call the 401 handler (login and the initial /me probe handle 401 themselves). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or a crash page */
  }
  const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (e?.message) return new ApiError(res.status, e.code ?? "error", e.message, e.details);
  return new ApiError(res.status, "http_" + res.status, `请求失败 (HTTP ${res.status})`);
}

/** Sends a request and returns the raw Response when it succeeded (2xx). */
export async function apiRaw(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? (opts.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof Blob) {
    body = opts.body;
    if (!headers["Content-Type"]) headers["Content-Type"] = opts.body.type || "application/octet-stream";
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["Content-Type"] = "application/json";
  }
  if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: "include", signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", "无法连接服务器，请检查网络");
  }
  if (res.ok) return res;
  const error = await errorOf(res);
  if (res.status === 401 && !opts.quiet401 && error.code !== "totp_required") onUnauthorized?.();
  throw error;
}

/** Sends a request and parses the JSON answer. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiRaw(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Downloads a file (Excel template or export, evidence) through the client, so errors show. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await apiRaw(path, { headers: { Accept: "*/*" } });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Uploads one file as the raw request body, its name in X-File-Name. */
export function upload<T>(path: string, file: File, contentType?: string): Promise<T> {
  return api<T>(path, {
    method: "POST",
    body: file,
    headers: {
      "Content-Type": contentType ?? (file.type || "application/octet-stream"),
      "X-File-Name": encodeURIComponent(file.name),
    },
  });
}
