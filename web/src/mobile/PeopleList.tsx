import { DotLoading, ErrorBlock, InfiniteScroll } from "antd-mobile";
import { useCan } from "../app/auth/useCan.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { useUnmask } from "../modules/org/hooks/useUnmask.ts";
import { ContactRow } from "./ContactRow.tsx";
import { useContacts } from "./useContacts.ts";

/** People matching a search (or of one unit's subtree), loaded as the list scrolls. */
export function PeopleList({ q, unitId, showUnit = true }: { q: string; unitId?: string; showUnit?: boolean }) {
  const { t } = useI18n();
  const can = useCan();
  const contacts = useContacts(q, unitId);
  const { revealed, reveal, pendingId } = useUnmask();
  const people = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  if (contacts.isPending)
    return (
      <div className="m-center">
        <DotLoading color="primary" />
      </div>
    );
  if (contacts.isError) return <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={contacts.error.message} />;
  if (people.length === 0) return <ErrorBlock status="empty" title={t("m.noPeople")} description="" />;

  return (
    <>
      <div className="m-list" data-testid="m-contact-list">
        {people.map((p) => (
          <ContactRow
            key={p.id}
            person={p}
            phones={revealed[p.id]}
            canCall={can("people.unmask")}
            calling={pendingId === p.id}
            onCall={() => void reveal(p.id).catch(() => {})}
            showUnit={showUnit}
          />
        ))}
      </div>
      <InfiniteScroll hasMore={!!contacts.hasNextPage} loadMore={async () => void (await contacts.fetchNextPage())} />
    </>
  );
}
