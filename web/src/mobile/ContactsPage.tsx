import { CapsuleTabs, NavBar, SearchBar } from "antd-mobile";
import { useState } from "react";
import { useCan } from "../app/auth/useCan.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { MobileNoAccess } from "./MobileNoAccess.tsx";
import { PeopleList } from "./PeopleList.tsx";
import { UnitPhoneList } from "./UnitPhoneList.tsx";

/** 通讯录: people (numbers revealed on 拨打) and the units' duty phones. */
export function ContactsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [tab, setTab] = useState("people");
  const [q, setQ] = useState("");
  if (!can("people.read"))
    return (
      <>
        <NavBar back={null} className="m-navbar">
          {t("m.tabContacts")}
        </NavBar>
        <MobileNoAccess />
      </>
    );
  return (
    <>
      <NavBar back={null} className="m-navbar">
        {t("m.tabContacts")}
      </NavBar>
      <div className="m-sticky">
        <SearchBar
          placeholder={tab === "people" ? t("m.searchPeople") : t("m.searchUnits")}
          onSearch={(v) => setQ(v.trim())}
          onClear={() => setQ("")}
          onChange={(v) => (v === "" ? setQ("") : undefined)}
          data-testid="m-contacts-search"
          className="m-search"
        />
        <CapsuleTabs activeKey={tab} onChange={setTab} className="m-capsules">
          <CapsuleTabs.Tab title={t("m.people")} key="people" />
          <CapsuleTabs.Tab title={t("m.dutyPhones")} key="units" />
        </CapsuleTabs>
      </div>
      {tab === "people" ? <PeopleList q={q} /> : <UnitPhoneList q={q} />}
    </>
  );
}
