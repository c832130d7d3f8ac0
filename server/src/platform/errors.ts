/** Errors with an HTTP status; the error handler turns them into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (field: string, message: string) =>
  new AppError(400, "bad_request", `${field}: ${message}`, { field });
export const unauthorized = (message = "请先登录") => new AppError(401, "unauthorized", message);
export const forbidden = (message = "没有权限执行此操作") => new AppError(403, "forbidden", message);
/** Also the answer for rows outside the caller's scope: they do not exist for the caller. */
export const notFound = (what = "记录") => new AppError(404, "not_found", `${what}不存在`);
/** An id in the body that names no row in the caller's scope: 404 naming the field, like an id in the path. */
export const refNotFound = (field: string, what: string) => new AppError(404, "not_found", `${field}: ${what}不存在`, { field });
export const conflict = (message = "记录已被他人修改，请刷新后重试") => new AppError(409, "conflict", message);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);
export const tooMany = (message: string) => new AppError(429, "too_many_requests", message);
