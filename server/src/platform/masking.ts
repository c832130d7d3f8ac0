/**
 * The one rule for masking people's numbers (rules.md: masked in every list and export unless
 * the caller holds people.unmask), its SQL twin for answers the database writes, and the
 * masking of mobiles inside free text and stored JSON (audit entries, history).
 * 13812341234 → 138****1234, 0519-86881234 → 0519-****1234, short numbers → ****.
 */
import { sql, type SQL } from "drizzle-orm";
import { can } from "@yingji/contracts";
import type { Actor } from "./auth/actor.ts";

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/[^0-9]/g, "");
  if (digits.length < 7) return "****";
  if (/^1[0-9]{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  // By characters, as SQL's left() and strpos() count them.
  const chars = [...phone];
  const dash = chars.indexOf("-");
  const head = dash > 0 && dash <= 4 ? chars.slice(0, dash + 1).join("") : chars.slice(0, 3).join("");
  return `${head}****${digits.slice(-4)}`;
}

/** maskPhone in SQL (a text expression in, a text expression out); masking.test.ts holds the two equal. */
export function maskPhoneSql(phone: SQL): SQL {
  const digits = sql`regexp_replace(${phone}, '[^0-9]', '', 'g')`;
  const dash = sql`strpos(${phone}, '-')`;
  return sql`(case when ${phone} is null then null when ${phone} = '' then ''
    when length(${digits}) < 7 then '****'
    when ${digits} ~ '^1[0-9]{10}$' then left(${digits}, 3) || '****' || substr(${digits}, 8)
    when ${dash} between 2 and 5 then left(${phone}, ${dash}) || '****' || right(${digits}, 4)
    else left(${phone}, 3) || '****' || right(${digits}, 4) end)`;
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
