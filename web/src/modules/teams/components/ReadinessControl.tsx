import { READINESS, type Readiness } from "@yingji/contracts";
import { App, Segmented } from "antd";
import { ApiError } from "../../../app/api.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import type { RegistryRow } from "../../../app/registry/registry.types.ts";
import { useSaveRecord } from "../../../app/registry/useRegistryWrite.ts";
import { TEAMS } from "@yingji/contracts";

/** 战备状态 at one click: ready / deployed / unavailable (the server records since when). */
export function ReadinessControl({ team }: { team: RegistryRow }) {
  const { l, t } = useI18n();
  const { message } = App.useApp();
  const save = useSaveRecord(TEAMS);
  return (
    <Segmented
      value={team.readiness as Readiness}
      disabled={!team.editable || save.isPending}
      data-testid="team-readiness"
      options={(Object.keys(READINESS) as Readiness[]).map((r) => ({ value: r, label: l(READINESS[r]) }))}
      onChange={(readiness) =>
        save.mutateAsync({ id: team.id, body: { readiness, version: team.version } }).then(
          () => message.success(t("common.saved")),
          (err: Error) => message.error(err instanceof ApiError && err.status === 409 ? t("reg.conflict") : err.message),
        )
      }
    />
  );
}
