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

// ---------------------------------------------------------------- input primitives
// Every module's input contracts build their strings, dates and numbers from these, so that
// what the database or a later computation cannot hold is refused as 400 naming the field
// (security notes, input finding 9) instead of failing as 500 further down.

/** NUL (PostgreSQL text refuses it), the other C0 controls and DEL; multi-line text keeps tab, LF and CR. */
const CONTROLS_ONE_LINE = /[\u0000-\u001f\u007f]/;
const CONTROLS_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Half a UTF-16 surrogate pair, alone: no encoding can store it (the driver would turn it into U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** No control characters and no lone surrogate. */
export const isCleanText = (s: string, multiLine = false) => !(multiLine ? CONTROLS_MULTI_LINE : CONTROLS_ONE_LINE).test(s) && !LONE_SURROGATE.test(s);
const CLEAN_MESSAGE = "不能含控制字符或无效字符 (control or invalid characters)";

/** One line of text: trimmed, at most `max` characters, no control characters. */
export const Line = (max: number) => z.string().trim().max(max).refine((s) => isCleanText(s), CLEAN_MESSAGE);
/** Text that may span lines (tab, line feeds allowed): trimmed, at most `max` characters. */
export const MultiLine = (max: number) => z.string().trim().max(max).refine((s) => isCleanText(s, true), CLEAN_MESSAGE);
/** A string taken exactly as sent (passwords: never trimmed), still free of control characters. */
export const Secret = (max: number) => z.string().max(max).refine((s) => isCleanText(s), CLEAN_MESSAGE);

/** Years a date may fall in: wide enough for any record, narrow enough for every computation on it. */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2199;
const yearInRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
};
const YEAR_MESSAGE = `日期须在 ${YEAR_MIN}–${YEAR_MAX} 年之间 (year out of range)`;
/** An instant: ISO 8601 with offset (+08:00), year 1900–2199. */
export const DateTime = z.iso.datetime({ offset: true }).refine(yearInRange, YEAR_MESSAGE);
/** A calendar day YYYY-MM-DD, year 1900–2199. */
export const DateOnly = z.iso.date().refine(yearInRange, YEAR_MESSAGE);
/** A calendar month YYYY-MM, year 1900–2199. */
export const Month = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM (1900–2199)").describe("calendar month YYYY-MM (Asia/Shanghai)");

/** Largest value of a PostgreSQL integer column: an integer field without a smaller limit stops here. */
export const INT_MAX = 2_147_483_647;
/** An integer stored in an integer column. */
export const Int = (min = 0, max = INT_MAX) => z.number().int().min(min).max(max);
/** The optimistic-lock version read; a stale one gets 409. */
export const Version = z.number().int().min(0).max(INT_MAX).describe("the version read; a stale one gets 409");

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

/**
 * Accepted phone numbers (security notes, input finding 12):
 * - a mainland mobile: 11 digits, 1 then 3–9 then 9 more (13812345678);
 * - a fixed line with its area code (0 and 2–3 digits) and a 7–8 digit local number not starting
 *   with 0 or 1, written 0519-86881234, 051986881234 or (0519)86881234, optionally followed by an
 *   extension of 1–6 digits after a hyphen (0519-86881234-801).
 * Nothing else: no local number without its area code, no short or service numbers, no spaces.
 */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?|\(0\d{2,3}\))[2-9]\d{6,7}(?:-\d{1,6})?)$/;
export const PHONE_MESSAGE = "电话号码格式不正确：手机 11 位（1 开头），座机须带区号，如 0519-86881234、0519-86881234-801";
export const isValidPhone = (s: string) => PHONE_PATTERN.test(s);
export const Phone = z.string().trim().max(LIMITS.phone).regex(PHONE_PATTERN, PHONE_MESSAGE);

export const Ok = z.object({ ok: z.literal(true) });

/** The body of a write that takes no input: nothing, or an empty object (anything else is refused). */
export const EmptyBody = z.strictObject({}).nullish();
