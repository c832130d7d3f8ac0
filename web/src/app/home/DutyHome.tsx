import { useI18n } from "../i18n/useI18n.ts";
import { BoardPage } from "../../modules/incidents/pages/BoardPage.tsx";
import { TodoCard } from "../../modules/todo/components/TodoCard.tsx";

/** The duty officer's home: the duty board with their to-do list beside it. */
export function DutyHome() {
  const { t } = useI18n();
  return <BoardPage aside={<TodoCard sub={t("todo.sub")} />} />;
}
