import { lazy, type ComponentType } from "react";
import { useI18n } from "../../app/i18n/useI18n.ts";

function Unavailable() {
  const { t } = useI18n();
  return <div className="m-chunk-missing">{t("m.keptNone")}</div>;
}

/**
 * A lazily loaded part that may be missing offline (its chunk never fetched while online): a
 * short note in its place instead of a failed import taking the whole app down.
 */
export function lazyOr<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(() => load().catch(() => ({ default: Unavailable as ComponentType<P> })));
}
