import { ROLE_LABELS } from "@yingji/contracts";
import { Button, Dialog, List, NavBar } from "antd-mobile";
import { useNavigate } from "react-router";
import { useLogout } from "../app/auth/useLogout.ts";
import { useMe } from "../app/auth/useMe.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobileLangSwitch } from "./MobileLangSwitch.tsx";
import { forgetKept } from "./offline/kept-queries.ts";

/** 我的: who is signed in, language, and signing out. */
export function MePage() {
  const { t, l } = useI18n();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me) return null;
  // Signing out leaves nothing of this user's data on the phone.
  const out = (everywhere: boolean) =>
    logout.mutate(everywhere, { onSettled: () => void forgetKept().then(() => navigate("/m/login", { replace: true })) });
  return (
    <>
      <NavBar back={null} className="m-navbar">
        {t("m.tabMe")}
      </NavBar>
      <div className="m-me-head">
        <div className="m-contact-avatar m-avatar-lg">{me.displayName.slice(0, 1)}</div>
        <div>
          <div className="m-me-name" data-testid="m-me-name">
            {me.displayName}
          </div>
          <div className="m-me-sub">{l(ROLE_LABELS[me.role])}</div>
        </div>
      </div>
      <List mode="card">
        <List.Item extra={me.username}>{t("users.username")}</List.Item>
        <List.Item extra={me.unitName}>{t("users.unit")}</List.Item>
        <List.Item extra={<MobileLangSwitch />}>{t("m.language")}</List.Item>
        <List.Item onClick={() => window.location.assign("/")}>{t("m.openConsole")}</List.Item>
      </List>
      <div className="m-page-pad">
        <Button block size="large" onClick={() => out(false)} loading={logout.isPending} data-testid="logout">
          {t("header.logout")}
        </Button>
        <Button
          block
          size="large"
          color="danger"
          fill="outline"
          style={{ marginTop: 12 }}
          data-testid="logout-all"
          onClick={async () => {
            if (await Dialog.confirm({ content: t("header.logoutAllConfirm") })) out(true);
          }}
        >
          {t("header.logoutAll")}
        </Button>
      </div>
    </>
  );
}
