import { MODULES } from "@yingji/contracts";
import { ToolOutlined } from "@ant-design/icons";
import { Button, Card, Result } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "./i18n/useI18n.ts";

export function UnderConstruction({ moduleKey }: { moduleKey: string }) {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const m = MODULES.find((x) => x.key === moduleKey);
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: "#0f4c9e" }} />}
        title={`${m ? l(m) : moduleKey} · ${t("wip.title")}`}
        subTitle={t("wip.sub")}
        extra={<Button onClick={() => navigate("/")}>{t("common.backHome")}</Button>}
        data-testid="under-construction"
      />
    </Card>
  );
}
