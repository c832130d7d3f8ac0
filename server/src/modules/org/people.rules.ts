/** Masking of phone numbers (pure): 13812341234 → 138****1234, 0519-86881234 → 0519-****1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const dash = phone.indexOf("-");
  const head = dash > 0 && dash <= 4 ? phone.slice(0, dash + 1) : phone.slice(0, 3);
  return `${head}****${digits.slice(-4)}`;
}
