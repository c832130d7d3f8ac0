import { INVALID_PHONE_MASK, isValidPhone } from "@yingji/contracts";

/**
 * Masking of phone numbers (pure): 13812341234 → 138****1234, 0519-86881234 → 0519-****1234.
 * A stored value that is no valid number (1380000) shows as 号码有误, never as a plausible mask.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (!isValidPhone(phone)) return INVALID_PHONE_MASK;
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  // A fixed line in any accepted form: area code, the local number's last four, the extension.
  const m = /^(?:(0\d{2,3})-?|\((0\d{2,3})\))(\d{7,8})(?:-(\d{1,6}))?$/.exec(phone)!;
  return `${m[1] ?? m[2]}-****${m[3].slice(-4)}${m[4] ? `-${m[4]}` : ""}`;
}
