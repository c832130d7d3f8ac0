import { DotLoading, ErrorBlock, InfiniteScroll } from "antd-mobile";
import { isNetworkError } from "./incidents/offline-queue.ts";
import { useCan } from "../app/auth/useCan.ts";
import { useI18n } from "../app/i18n/useI18n.ts";
import { useUnmask } from "../modules/org/hooks/useUnmask.ts";
import { ContactRow } from "./ContactRow.tsx";
import { KeptNotice } from "./offline/KeptNotice.tsx";
import { filterPeople, useKeptContacts } from "./offline/useKeptContacts.ts";
import { useOnline } from "./offline/useOnline.ts";
import { useContacts } from "./useContacts.ts";

/**
 * People matching a search (or of one unit's subtree), loaded as the list scrolls. With no
 * signal, the kept answer for the same search, else the kept directory filtered on the phone.
 */
export function PeopleList({ q, unitId, showUnit = true, notice = true }: { q: string; unitId?: string; showUnit?: boolean; notice?: boolean }) {
  const { t } = useI18n();
  const can = useCan();
  const online = useOnline();
  const contacts = useContacts(q, unitId);
  const kept = useKeptContacts();
  const { revealed, reveal, pendingId } = useUnmask();
  const unreachable = !online || isNetworkError(contacts.error);
  const offlineSearch = unreachable && !contacts.data;
  const people = offlineSearch ? filterPeople(kept.people, q, unitId) : (contacts.data?.pages.flatMap((p) => p.items) ?? []);
  const refreshedAt = offlineSearch ? kept.dataUpdatedAt || undefined : contacts.dataUpdatedAt || undefined;
  // Revealing a number asks the server (audited): offline the button says why it cannot.
  const callReason = !can("people.unmask") ? t("m.noCallReason") : unreachable ? t("m.callOffline") : null;

  if (contacts.isPending && !offlineSearch)
    return (
      <div className="m-center">
        <DotLoading color="primary" />
      </div>
    );
  if (contacts.isError && !unreachable) return <ErrorBlock status="disconnected" title={t("common.loadFailed")} description={contacts.error.message} />;

  return (
    <>
      {notice && <KeptNotice refreshedAt={refreshedAt} failed={unreachable} />}
      {offlineSearch && q && <div className="m-offline-note" data-testid="m-offline-search">{t("m.offlineSearch")}</div>}
      {callReason && people.length > 0 && <div className="m-call-reason" data-testid="m-call-reason">{callReason}</div>}
      {people.length === 0 ? (
        <ErrorBlock status="empty" title={t("m.noPeople")} description="" />
      ) : (
        <div className="m-list" data-testid="m-contact-list">
          {people.map((p) => (
            <ContactRow
              key={p.id}
              person={p}
              phones={revealed[p.id]}
              canCall={!callReason}
              calling={pendingId === p.id}
              onCall={() => void reveal(p.id).catch(() => {})}
              showUnit={showUnit}
            />
          ))}
        </div>
      )}
      {!offlineSearch && <InfiniteScroll hasMore={!!contacts.hasNextPage && online} loadMore={async () => void (await contacts.fetchNextPage())} />}
    </>
  );
}
