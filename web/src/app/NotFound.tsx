import { Button, Result } from "antd";
import { useNavigate } from "react-router";
import { useI18n } from "./i18n/useI18n.ts";

export function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t("common.notFound")}
      extra={<Button onClick={() => navigate("/")}>{t("common.backHome")}</Button>}
    />
  );
}
