import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Flex, Input, Select } from "antd";
import { useState } from "react";
import type { Person } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { ExcelActions } from "../../../app/components/ExcelActions.tsx";
import { PageHeader } from "../../../app/components/PageHeader.tsx";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { BadPhonesAlert } from "../components/BadPhonesAlert.tsx";
import { PeopleTable } from "../components/PeopleTable.tsx";
import { PersonDrawer, type PersonTarget } from "../components/PersonDrawer.tsx";
import { UnitTreeSelect } from "../components/UnitTreeSelect.tsx";
import { usePeople, type PeopleParams } from "../hooks/usePeople.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** 应急通讯录: the contact directory of the caller's scope. */
export function PeoplePage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useState<PeopleParams>({ page: 1, pageSize: 50 });
  const [drawer, setDrawer] = useState<PersonTarget | null>(null);
  const people = usePeople(params);
  const filter = (patch: Partial<PeopleParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));

  return (
    <div className="page">
      <PageHeader
        title={t("nav.org.people")}
        sub={t("people.sub")}
        extra={
          <>
            <ExcelActions
              base="/api/org/people"
              name="people"
              exportQuery={{ q: params.q, unitId: params.unitId, liaison: params.liaison }}
              canImport={can("people.write")}
              invalidate={ORG_KEYS.all}
              testId="people"
            />
            {can("people.write") && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: "create", unitId: params.unitId })} data-testid="person-create">
                {t("person.create")}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        {can("people.write") && <BadPhonesAlert onFix={async (id) => setDrawer({ mode: "edit", person: await api<Person>(`/api/org/people/${id}`) })} />}
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t("people.searchPlaceholder")}
            onSearch={(q) => filter({ q: q.trim() || undefined })}
            style={{ width: 300 }}
            data-testid="people-search"
          />
          <UnitTreeSelect
            allowClear
            value={params.unitId}
            onChange={(unitId) => filter({ unitId })}
            placeholder={t("people.filterUnit")}
            style={{ width: 260 }}
            testId="people-unit-filter"
          />
          <Select
            allowClear
            placeholder={t("people.filterLiaison")}
            value={params.liaison}
            onChange={(liaison) => filter({ liaison })}
            style={{ width: 160 }}
            options={[
              { value: "true", label: t("people.liaisonOnly") },
              { value: "false", label: t("people.nonLiaison") },
            ]}
            data-testid="people-liaison-filter"
          />
        </Flex>
        <PeopleTable
          data={people.data}
          loading={people.isFetching}
          onPage={(page, pageSize) => setParams((p) => ({ ...p, page, pageSize }))}
          onEdit={(person, phones) => setDrawer({ mode: "edit", person, phones })}
        />
      </Card>
      <PersonDrawer target={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
