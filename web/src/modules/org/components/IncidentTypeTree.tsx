import { INCIDENT_CATEGORIES, type IncidentType } from "@yingji/contracts";
import { Card, Empty, Input, Spin, Tree } from "antd";
import type { DataNode } from "antd/es/tree";
import { useMemo, useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { DictKey } from "../../../app/i18n/dict.ts";
import { useIncidentTypes } from "../../incidents/hooks/useIncidentTypes.ts";

const CATEGORY_LABEL: Record<(typeof INCIDENT_CATEGORIES)[number], DictKey> = {
  natural: "incident.natural",
  accident: "incident.accident",
  health: "incident.health",
  social: "incident.social",
};

/** The incident classification as a tree (roots are the four categories of the national plan); picks one type. */
export function IncidentTypeTree({ selectedId, onSelect }: { selectedId?: string; onSelect: (t: IncidentType) => void }) {
  const { t, lang } = useI18n();
  const { data: types, isLoading } = useIncidentTypes();
  const [q, setQ] = useState("");

  const treeData = useMemo<DataNode[]>(() => {
    const all = types ?? [];
    const needle = q.trim().toLowerCase();
    const nameOf = (x: IncidentType) => (lang === "zh" ? x.name : x.nameEn || x.name);
    const childrenOf = (parentId: string): IncidentType[] => all.filter((x) => x.parentId === parentId).sort((a, b) => a.sort - b.sort);
    const toNode = (x: IncidentType): DataNode | null => {
      const kids = childrenOf(x.id).map(toNode).filter((n): n is DataNode => !!n);
      const hit = !needle || nameOf(x).toLowerCase().includes(needle) || x.code.toLowerCase().includes(needle);
      if (!hit && !kids.length) return null;
      return {
        key: x.id,
        title: (
          <span data-testid={`incident-type-${x.code}`} title={t(CATEGORY_LABEL[x.category])}>
            <span className="tree-code">{x.code}</span> {x.parentId ? nameOf(x) : <b>{nameOf(x)}</b>}
          </span>
        ),
        children: kids,
      };
    };
    return all
      .filter((x) => x.parentId === null || !all.some((p) => p.id === x.parentId))
      .sort((a, b) => INCIDENT_CATEGORIES.indexOf(a.category) - INCIDENT_CATEGORIES.indexOf(b.category) || a.sort - b.sort)
      .map(toNode)
      .filter((n): n is DataNode => !!n);
  }, [types, q, lang, t]);

  const byId = useMemo(() => new Map((types ?? []).map((x) => [x.id, x])), [types]);

  return (
    <Card size="small" title={t("resp.types")} className="org-tree-card">
      <Input.Search allowClear placeholder={t("resp.searchTypes")} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
      {isLoading ? (
        <Spin style={{ display: "block", margin: "40px auto" }} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          key={q}
          blockNode
          defaultExpandAll={!!q}
          defaultExpandedKeys={treeData.map((n) => n.key)}
          treeData={treeData}
          height={Math.max(320, window.innerHeight - 280)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const x = byId.get(String(keys[0]));
            if (x) onSelect(x);
          }}
          data-testid="incident-type-tree"
        />
      )}
    </Card>
  );
}
