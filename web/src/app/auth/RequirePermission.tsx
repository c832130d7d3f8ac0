import type { Permission } from "@yingji/contracts";
import { Result } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/useI18n.ts";
import { useCan } from "./useCan.ts";

/** A page the user's role may not open says so (the server would answer 403 anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useI18n();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title="403" subTitle={t("common.forbidden")} data-testid="forbidden" />;
  return children;
}
