import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { FieldDecl } from "@yingji/contracts/registry";
import { Button, Col, Form, Row } from "antd";
import type { Rule } from "antd/es/form";
import { useI18n } from "../i18n/useI18n.ts";
import { dayjs } from "../time.ts";
import { zodRule } from "../zod-rule.ts";
import { FieldControl } from "./FieldControl.tsx";

/** Fields that take a whole form row. */
export const WIDE_KINDS = new Set(["textarea", "rows", "files", "enumSet", "incidentTypes", "tags"]);

/** Dates are strings in the body, dayjs in the picker. */
function dateProps(f: FieldDecl) {
  if (f.kind === "date")
    return {
      getValueProps: (v: unknown) => ({ value: v ? dayjs(v as string) : null }),
      normalize: (d: dayjs.Dayjs | null) => (d ? d.format("YYYY-MM-DD") : null),
    };
  if (f.kind === "datetime")
    return {
      getValueProps: (v: unknown) => ({ value: v ? dayjs(v as string) : null }),
      normalize: (d: dayjs.Dayjs | null) => (d ? d.second(0).millisecond(0).format() : null),
    };
  return {};
}

/**
 * One declared field in a form: label, help, rules from its schema, the control, and for a
 * `rows` field (team members, equipment, certificates) an editable list of sub-forms.
 */
export function FieldItem({ name, f, testId }: { name: string | (string | number)[]; f: FieldDecl; testId: string }) {
  const { l, t } = useI18n();
  if (f.kind === "rows") return <RowsEditor name={name} f={f} testId={testId} />;
  const rules: Rule[] = [];
  if (f.required) rules.push({ required: true, message: t("reg.required") });
  // A masked number (138****1234) is how the record came; left as it is, it is not sent back.
  if (f.kind === "phone") {
    rules.push({
      validator: async (_r, v: unknown) => {
        if (v === undefined || v === null || v === "" || (typeof v === "string" && v.includes("*"))) return;
        const result = f.schema.safeParse(v);
        if (!result.success) throw new Error(result.error.issues[0]?.message ?? "格式不正确");
      },
    });
  } else if (f.kind !== "files" && f.kind !== "date" && f.kind !== "datetime") rules.push(zodRule(f.schema));
  return (
    <Form.Item name={name} label={l(f.label)} rules={rules} tooltip={f.help ? l(f.help) : undefined} {...dateProps(f)}>
      <FieldControl f={f} testId={testId} />
    </Form.Item>
  );
}

/** The fields of a declaration laid out two per row (wide kinds take the row). */
export function FieldGrid({ fields, prefix, testPrefix }: { fields: [string, FieldDecl][]; prefix?: (string | number)[]; testPrefix: string }) {
  return (
    <Row gutter={12}>
      {fields.map(([k, f]) => (
        <Col key={k} xs={24} sm={WIDE_KINDS.has(f.kind) ? 24 : 12}>
          <FieldItem name={prefix ? [...prefix, k] : k} f={f} testId={`${testPrefix}-${k}`} />
        </Col>
      ))}
    </Row>
  );
}

function RowsEditor({ name, f, testId }: { name: string | (string | number)[]; f: FieldDecl; testId: string }) {
  const { l, t } = useI18n();
  const sub = Object.entries(f.fields ?? {});
  return (
    <Form.Item label={l(f.label)} data-testid={testId}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row, i) => (
              <div key={row.key} className="reg-subrow" data-testid={`${testId}-row`}>
                <div className="reg-subrow-head">
                  <span>
                    {l(f.label)} {i + 1}
                  </span>
                  <Button type="text" size="small" danger icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} data-testid={`${testId}-remove-${i}`}>
                    {t("reg.remove")}
                  </Button>
                </div>
                <FieldGrid fields={sub} prefix={[row.name]} testPrefix={`${testId}-${i}`} />
              </div>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid={`${testId}-add`}>
              {t("reg.addRow", { what: l(f.label) })}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
