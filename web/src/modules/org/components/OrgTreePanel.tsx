import { SearchOutlined } from "@ant-design/icons";
import type { Unit } from "@yingji/contracts";
import { Card, Empty, Input, Spin, Tree } from "antd";
import type { DataNode } from "antd/es/tree";
import { useEffect, useMemo, useState } from "react";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useUnitKinds } from "../hooks/useUnitKinds.ts";
import { ancestorsOf, buildUnitTree, type UnitNode } from "../unit-tree.ts";

interface Props {
  units: Unit[] | undefined;
  loading: boolean;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

/** The tree scrolls inside the card, which fills the window below the page header. */
const treeHeight = () => Math.max(320, window.innerHeight - 290);

function Highlight({ text, q }: { text: string; q: string }) {
  const i = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (i < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, i)}
      <mark className="tree-hit">{text.slice(i, i + q.length)}</mark>
      {text.slice(i + q.length)}
    </>
  );
}

/** The org tree of the caller's scope, searchable; a search shows the hits with their ancestors. */
export function OrgTreePanel({ units, loading, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const { kindLabel } = useUnitKinds();
  const [q, setQ] = useState("");
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const roots = useMemo(() => buildUnitTree(units ?? []), [units]);

  // Open the roots at first, and the way down to the selected unit whenever it changes.
  useEffect(() => {
    if (!units?.length) return;
    const keep = new Set<React.Key>(roots.map((r) => r.unit.id));
    if (selectedId) for (const a of ancestorsOf(units, selectedId).slice(0, -1)) keep.add(a.id);
    setExpanded((prev) => [...new Set([...prev, ...keep])]);
  }, [units, roots, selectedId]);

  const { treeData, hitAncestors } = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hitAncestors = new Set<string>();
    const toNode = (n: UnitNode): DataNode | null => {
      const kids = n.children.map(toNode).filter((x): x is DataNode => !!x);
      const hit = !needle || n.unit.name.toLowerCase().includes(needle) || (n.unit.code ?? "").includes(needle);
      if (!hit && kids.length === 0) return null;
      if (needle && kids.length) hitAncestors.add(n.unit.id);
      return {
        key: n.unit.id,
        title: (
          <span className={n.unit.active ? "tree-node" : "tree-node tree-node-inactive"} data-testid={`org-tree-node-${n.unit.id}`}>
            <Highlight text={n.unit.name} q={q.trim()} />
            <span className="tree-kind">{kindLabel(n.unit.kind)}</span>
          </span>
        ),
        children: kids,
      };
    };
    return { treeData: roots.map(toNode).filter((x): x is DataNode => !!x), hitAncestors };
  }, [roots, q, kindLabel]);

  return (
    <Card
      className="org-tree-card"
      size="small"
      title={t("org.treeTitle")}
      extra={<span className="muted">{t("org.unitCount", { n: units?.length ?? 0 })}</span>}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("org.searchUnits")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="org-tree-search"
      />
      {loading ? (
        <Spin style={{ display: "block", margin: "40px auto" }} />
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          blockNode
          showLine={{ showLeafIcon: false }}
          treeData={treeData}
          height={treeHeight()}
          expandedKeys={q.trim() ? [...hitAncestors] : expanded}
          onExpand={(keys) => !q.trim() && setExpanded(keys)}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
          data-testid="org-tree"
        />
      )}
    </Card>
  );
}
