import { Button, Card } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/useI18n.ts";
import { useLogout } from "./useLogout.ts";

/** Frame of the steps an account must finish before it can use the console. */
export function PendingScreen({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  const logout = useLogout();
  return (
    <div className="login-screen">
      <div className="login-brand">
        <div className="login-emblem" />
        <div>
          <div className="login-title">{t("app.title")}</div>
          <div className="login-subtitle">{t("app.subtitle")}</div>
        </div>
      </div>
      <Card
        className="login-card login-card-wide"
        title={title}
        variant="borderless"
        extra={
          <Button type="link" onClick={() => logout.mutate(false)}>
            {t("header.logout")}
          </Button>
        }
      >
        {children}
      </Card>
    </div>
  );
}
