import { PhoneOutlined } from "@ant-design/icons";

/** tel: URI of a number; an extension (0519-88888888-123) is dialled after a pause. */
export function telHref(phone: string): string {
  const ext = /^(0\d{2,3})-?(\d{7,8})-(\d{1,6})$/.exec(phone.trim());
  return "tel:" + (ext ? `${ext[1]}${ext[2]},${ext[3]}` : phone.replace(/[^\d+]/g, ""));
}

/** A phone number as a tap-to-call link; a masked number (138****1234) is plain text. */
export function PhoneLink({ phone, testId }: { phone: string | null | undefined; testId?: string }) {
  if (!phone) return <span className="muted">—</span>;
  if (phone.includes("*")) return <span className="phone-masked">{phone}</span>;
  return (
    <a href={telHref(phone)} className="phone-link" data-testid={testId}>
      <PhoneOutlined /> {phone}
    </a>
  );
}
