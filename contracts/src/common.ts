import { z } from "zod";

/** Limits shared by forms and the server: one definition each. */
export const LIMITS = {
  pageSizeMax: 200,
  pageSizeDefault: 50,
  name: 100,
  shortText: 200,
  longText: 4000,
  phone: 20,
  email: 254,
  /** Largest JSON body a route accepts, in bytes. */
  jsonBodyBytes: 256 * 1024,
  /** Largest uploaded file (evidence, Excel import), in bytes. */
  uploadBytes: 10 * 1024 * 1024,
  /** Rows one Excel import may hold. */
  importRows: 20_000,
} as const;

export const Id = z.uuid().describe("UUID of the row");
export type Id = z.infer<typeof Id>;

export const IdParams = z.strictObject({ id: Id });

/** Timestamps travel as ISO 8601 strings with offset; the UI shows them in Asia/Shanghai. */
export const Timestamp = z.string().describe("ISO 8601 timestamp");

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe("machine-readable code, e.g. bad_request, not_found, conflict"),
    message: z.string().describe("human-readable message (zh-CN)"),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Standard columns every owned row carries (conventions 10). */
export const StandardColumns = {
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().describe("optimistic-lock version; send it back on update, a stale one gets 409"),
};

/** Mainland mobile (11 digits from 1) or a fixed line with area code and optional extension. */
export const Phone = z
  .string()
  .trim()
  .max(LIMITS.phone)
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{3,8})$/, "电话号码格式不正确");

export const Ok = z.object({ ok: z.literal(true) });

/** The body of a write that takes no input: nothing, or an empty object (anything else is refused). */
export const EmptyBody = z.strictObject({}).nullish();
