/**
 * The one rule for masking people's numbers (rules.md: masked in every list and export unless
 * the caller holds people.unmask), its SQL twin for answers the database writes, and the
 * masking of mobiles inside free text and stored JSON (audit entries, history).
 * 13812341234 → 138****1234, 0519-86881234 → 0519-****1234, (0519)86881234-801 → 0519-****1234-801;
 * a stored value that is no valid number (contracts' PHONE_PATTERN) → 号码有误.
 */
import { sql, type SQL } from "drizzle-orm";
import { can, INVALID_PHONE_MASK, isValidPhone, PHONE_PATTERN } from "@yingji/contracts";
import type { Actor } from "./auth/actor.ts";

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  // A stored value that is no valid number (1380000) shows as 号码有误, never as a plausible mask.
  if (!isValidPhone(phone)) return INVALID_PHONE_MASK;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  // A fixed line in any accepted form: area code, the local number's last four, the extension.
  const m = LANDLINE.exec(phone)!;
  return `${m[1] ?? m[2]}-****${m[3].slice(-4)}${m[4] ? `-${m[4]}` : ""}`;
}

const LANDLINE = /^(?:(0\d{2,3})-?|\((0\d{2,3})\))([2-9]\d{6,7})(?:-(\d{1,6}))?$/;

/** maskPhone in SQL (a text expression in, a text expression out); masking.test.ts holds the two equal. */
export function maskPhoneSql(phone: SQL): SQL {
  const part = (i: number) => sql`(regexp_match(${phone}, ${LANDLINE.source}))[${sql.raw(String(i))}]`;
  return sql`(case when ${phone} is null then null when ${phone} = '' then ''
    when ${phone} !~ ${PHONE_PATTERN.source} then ${INVALID_PHONE_MASK}
    when ${phone} ~ '^1[0-9]{10}$' then left(${phone}, 3) || '****' || substr(${phone}, 8)
    else coalesce(${part(1)}, ${part(2)}) || '-****' || right(${part(3)}, 4) || coalesce('-' || ${part(4)}, '') end)`;
}

/**
 * A mainland mobile number inside a text: 11 digits from 13–19, not part of a longer number, a
 * decimal fraction or a word (a uuid's last group can end in 11 digits after a letter).
 */
export const MOBILE_IN_TEXT = /(?<![0-9A-Za-z.])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9A-Za-z])/g;

export function maskMobilesIn(text: string): string {
  return text.replace(MOBILE_IN_TEXT, "$1****$3");
}

/** Every string inside a JSON value with its mobiles masked (audit entries, history: stored as written). */
export function maskMobilesDeep<T>(value: T): T {
  if (typeof value === "string") return maskMobilesIn(value) as T;
  if (Array.isArray(value)) return value.map(maskMobilesDeep) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskMobilesDeep(v)])) as T;
  }
  return value;
}

/** Whether the caller sees full numbers (people.unmask). */
export const mayUnmask = (actor: Pick<Actor, "role">) => can(actor.role, "people.unmask");

/** A number as the caller may see it. */
export const phoneFor = (actor: Pick<Actor, "role">, phone: string | null): string | null => (mayUnmask(actor) ? phone : maskPhone(phone));
