import { SPOT_CHECK_FAULTS, SPOT_CHECK_METHODS } from "@yingji/contracts";
import type { DictKey } from "../../app/i18n/dict.ts";

export const METHOD_LABEL: Record<(typeof SPOT_CHECK_METHODS)[number], DictKey> = {
  phone: "duty.spot.method.phone",
  video: "duty.spot.method.video",
  on_site: "duty.spot.method.onSite",
};

export const FAULT_LABEL: Record<(typeof SPOT_CHECK_FAULTS)[number], DictKey> = {
  not_answered: "duty.spot.fault.notAnswered",
  slow_answer: "duty.spot.fault.slowAnswer",
  officer_absent: "duty.spot.fault.officerAbsent",
  leader_absent: "duty.spot.fault.leaderAbsent",
  log_incomplete: "duty.spot.fault.logIncomplete",
};
