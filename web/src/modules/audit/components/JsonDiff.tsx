import { Table, Tooltip, Typography } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { formatTime } from "../../../app/time.ts";
import { AUDIT_FIELD_LABELS } from "../audit-labels.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 1));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

interface Row {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** One level of nesting ({ incident, report }) becomes incident.title, report.body: every field gets its row. */
function flatten(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (isRecord(x)) for (const [k2, y] of Object.entries(x)) out[`${k}.${k2}`] = y;
    else out[k] = x;
  }
  return out;
}

/** Before and after of an audited write, field by field with their names, times in Asia/Shanghai, changed fields first. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, l } = useI18n();
  const label = (key: string) =>
    key
      .split(".")
      .map((part) => (AUDIT_FIELD_LABELS[part] ? l(AUDIT_FIELD_LABELS[part]) : part))
      .join(" · ");
  const value = (v: unknown, k: string) => {
    if (v === undefined || v === null || v === "") return <span className="muted" key={k}>—</span>;
    if (typeof v === "boolean") return <span key={k}>{v ? t("audit.yes") : t("audit.no")}</span>;
    if (typeof v === "string" && ISO_TIME.test(v)) return <Tooltip title={v} key={k}><span data-testid="audit-time">{formatTime(v, true)}</span></Tooltip>;
    // An id means little to a reader: its first characters, the whole id on hover and copy.
    if (typeof v === "string" && UUID.test(v))
      return <Typography.Text key={k} className="mono muted" copyable={{ text: v }}><Tooltip title={v}>{v.slice(0, 8)}…</Tooltip></Typography.Text>;
    if (typeof v === "string" || typeof v === "number") return <span key={k} className="json-cell">{String(v)}</span>;
    if (Array.isArray(v) && v.every((x) => typeof x !== "object")) return <span key={k}>{v.join("、") || "—"}</span>;
    return <Typography.Text code className="json-cell" key={k}>{show(v)}</Typography.Text>;
  };

  if (!isRecord(before) && !isRecord(after)) {
    return (
      <div className="json-pair">
        <pre className="json-block">{before == null ? "—" : show(before)}</pre>
        <pre className="json-block">{after == null ? "—" : show(after)}</pre>
      </div>
    );
  }
  const b = isRecord(before) ? flatten(before) : {};
  const a = isRecord(after) ? flatten(after) : {};
  const rows: Row[] = [...new Set([...Object.keys(b), ...Object.keys(a)])].map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: show(b[key]) !== show(a[key]),
  }));
  rows.sort((x, y) => Number(y.changed) - Number(x.changed));

  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={rows}
      className="json-diff"
      data-testid="audit-diff"
      rowClassName={(r) => (r.changed ? "diff-changed" : "")}
      columns={[
        {
          title: t("audit.field"),
          dataIndex: "key",
          width: 220,
          render: (k: string, r) => (
            <Tooltip title={k}>
              <span data-testid="audit-field">{r.changed ? <b>{label(k)}</b> : label(k)}</span>
            </Tooltip>
          ),
        },
        { title: t("audit.before"), dataIndex: "before", render: (v: unknown, r) => (r.before === undefined ? <span className="muted">—</span> : value(v, r.key + "b")) },
        { title: t("audit.after"), dataIndex: "after", render: (v: unknown, r) => (r.after === undefined ? <span className="muted">—</span> : value(v, r.key + "a")) },
      ]}
    />
  );
}
