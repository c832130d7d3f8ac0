/**
 * Every action the server writes to the audit log has a Chinese and English label
 * (contracts/src/audit-labels.ts): the auditor reads labels, and filters by them. Enumerates the
 * actions from the source (literal codes and the templates' known expansions), so an action
 * added tomorrow without a label fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, DUTY_LOG_KINDS, MOVEMENT_KINDS, REGISTRIES } from "@yingji/contracts";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The values each template of an action code takes (`stock.${m.kind}` → stock.in, …). */
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  "stock.": Object.keys(MOVEMENT_KINDS),
  "incidents.report.": ["followup", "final"],
  "duty.log.": DUTY_LOG_KINDS,
  "duty.swap.": ["approve", "reject"],
};

function actionsInSource(): { codes: Set<string>; templates: string[] } {
  const codes = new Set<string>();
  const templates: string[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, "utf8");
    // Audit entries name their action as `action: "…"`, or `action: cond ? "…" : "…"`, or a template.
    for (const m of text.matchAll(/action: ([^,}\n]+)/g)) {
      for (const lit of m[1].matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) codes.add(lit[1]);
      const tpl = /^`([^`]*)`/.exec(m[1]);
      if (tpl) templates.push(tpl[1]);
    }
    for (const m of text.matchAll(/writeUpdate\([^;]*?, "([a-z_]+\.[a-z_]+)"\)/g)) codes.add(m[1]);
  }
  return { codes, templates };
}

describe("audit action labels", () => {
  it("does label every action code the server writes, in Chinese and English", () => {
    const { codes, templates } = actionsInSource();
    expect(codes.size).toBeGreaterThan(40);
    for (const tpl of templates) {
      if (tpl.startsWith("${")) continue; // registry actions: checked per entity below
      const prefix = tpl.slice(0, tpl.indexOf("${"));
      expect(TEMPLATE_VALUES[prefix], `action template \`${tpl}\`: list its values in TEMPLATE_VALUES`).toBeDefined();
      for (const v of TEMPLATE_VALUES[prefix]) codes.add(prefix + v);
    }
    const missing = [...codes].filter((c) => !AUDIT_ACTION_LABELS[c]?.zh || !AUDIT_ACTION_LABELS[c]?.en);
    expect(missing, "add these to contracts/src/audit-labels.ts").toEqual([]);
  });

  it("does label the four registry actions and the entity of every registry", () => {
    const entities = Object.values(REGISTRIES).map((d) => d.entity);
    expect(entities.length).toBeGreaterThan(5);
    for (const entity of entities) {
      expect(AUDIT_ENTITY_LABELS[entity], entity).toBeDefined();
      for (const verb of ["create", "update", "deactivate", "import"]) expect(AUDIT_ACTION_LABELS[`${entity}.${verb}`], `${entity}.${verb}`).toBeDefined();
    }
  });
});
