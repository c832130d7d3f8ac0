import { Table, Typography } from "antd";
import { useI18n } from "../../../app/i18n/useI18n.ts";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v, null, 1));

interface Row {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Before and after of an audited write, field by field, the changed fields marked. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <div className="json-pair">
        <pre className="json-block">{before == null ? "—" : show(before)}</pre>
        <pre className="json-block">{after == null ? "—" : show(after)}</pre>
      </div>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const rows: Row[] = [...new Set([...Object.keys(b), ...Object.keys(a)])].map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: show(b[key]) !== show(a[key]),
  }));
  rows.sort((x, y) => Number(y.changed) - Number(x.changed));
  const cell = (v: unknown, k: string) =>
    v === undefined ? <span className="muted">—</span> : <Typography.Text code className="json-cell" key={k}>{show(v)}</Typography.Text>;

  return (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={rows}
      className="json-diff"
      data-testid="audit-diff"
      rowClassName={(r) => (r.changed ? "diff-changed" : "")}
      columns={[
        { title: t("audit.field"), dataIndex: "key", width: 200, render: (k: string, r) => (r.changed ? <b>{k}</b> : k) },
        { title: t("audit.before"), dataIndex: "before", render: (v: unknown, r) => cell(v, r.key + "b") },
        { title: t("audit.after"), dataIndex: "after", render: (v: unknown, r) => cell(v, r.key + "a") },
      ]}
    />
  );
}
