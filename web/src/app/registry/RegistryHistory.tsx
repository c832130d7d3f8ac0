import { COMPENSATION_STATUS, SHELTER_STATUS } from "@yingji/contracts";
import type { HistoryEntry, Options, RegistryDecl } from "@yingji/contracts/registry";
import { Card, Empty, Timeline, Typography } from "antd";
import { AUDIT_ACTION_LABELS } from "../../modules/audit/audit-labels.ts";
import type { DictKey } from "../i18n/dict.ts";
import { useI18n } from "../i18n/useI18n.ts";
import { formatTime } from "../time.ts";
import { fieldText, type ValueContext } from "./field-value.ts";
import { useRegistryHistory } from "./useRegistryItem.ts";
import { useValueContext } from "./useValueContext.ts";

/** The generic verbs at the end of an audit action (teams.update → 修改). */
const VERBS: Record<string, DictKey> = {
  create: "reg.h.create",
  update: "reg.h.update",
  deactivate: "reg.h.deactivate",
  delete: "reg.h.deactivate",
  import: "reg.h.import",
  status: "reg.h.status",
  inspect: "reg.h.inspect",
  inspection: "reg.h.inspect",
};

const BASE_KEYS: Record<string, DictKey> = { name: "reg.name", unitId: "reg.unit", lat: "reg.lat", lon: "reg.lon", address: "reg.address", active: "reg.active" };
/** Server-computed enums that appear in the audit's before/after, with their words. */
const COMPUTED_OPTIONS: Record<string, Options<string>> = { status: SHELTER_STATUS, compensationStatus: COMPENSATION_STATUS };
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

const SKIP = new Set(["id", "version", "updatedAt", "createdAt", "updatedBy", "createdBy", "unitPath", "unitName", "editable"]);

function changes(decl: RegistryDecl, e: HistoryEntry, label: (k: string) => string | null, text: (k: string, v: unknown) => string): string[] {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !SKIP.has(k));
  const out: string[] = [];
  for (const k of keys) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    const name = label(k);
    if (!name) continue;
    const f = decl.fields[k];
    if (f?.kind === "rows" || f?.kind === "files") {
      out.push(`${name}: ${Array.isArray(before[k]) ? (before[k] as unknown[]).length : 0} → ${Array.isArray(after[k]) ? (after[k] as unknown[]).length : 0}`);
    } else if (e.before == null) {
      if (after[k] !== null && after[k] !== undefined) out.push(`${name}: ${text(k, after[k])}`);
    } else out.push(`${name}: ${text(k, before[k])} → ${text(k, after[k])}`);
  }
  return out;
}

/** 修改记录: who changed what and when, from the audit log (append-only). */
export function RegistryHistory({ decl, id }: { decl: RegistryDecl; id: string }) {
  const { t, l } = useI18n();
  const ctx: ValueContext = useValueContext();
  const history = useRegistryHistory(decl, id);
  const label = (k: string) => {
    if (BASE_KEYS[k]) return t(BASE_KEYS[k]);
    const f = decl.fields[k] ?? decl.computed?.[k];
    return f ? l(f.label) : null;
  };
  const text = (k: string, v: unknown) => {
    const f = decl.fields[k];
    if (f) return fieldText(f, v, ctx);
    if (typeof v === "boolean") return v ? ctx.yes : ctx.no;
    if (v === null || v === undefined) return "—";
    if (typeof v === "string" && ISO_TIME.test(v)) return formatTime(v);
    const options = decl.computed?.[k] ? COMPUTED_OPTIONS[k] : undefined;
    if (typeof v === "string" && options?.[v]) return l(options[v]);
    return String(v);
  };
  const verb = (action: string) => {
    const known = AUDIT_ACTION_LABELS[action];
    if (known) return l(known);
    const last = action.split(".").pop() ?? action;
    return VERBS[last] ? t(VERBS[last]) : action;
  };
  const entries = [...(history.data ?? [])].reverse();
  return (
    <Card size="small" title={t("reg.history")} loading={history.isLoading} data-testid={`${decl.key}-history`}>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.seq,
            content: (
              <div>
                <Typography.Text strong>{verb(e.action)}</Typography.Text>
                <Typography.Text type="secondary">
                  {" · "}
                  {e.actorName ?? t("reg.system")} · {formatTime(e.at)}
                </Typography.Text>
                {changes(decl, e, label, text).map((c) => (
                  <div key={c} className="reg-change">
                    {c}
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
