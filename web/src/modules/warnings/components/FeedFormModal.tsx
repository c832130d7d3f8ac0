import { WARNING_FEED_LIMITS, type WarningFeed } from "@yingji/contracts";
import { Form, Input, InputNumber, Modal, Select, Switch, type ButtonProps } from "antd";
import { showFieldErrors } from "../../../app/form-errors.ts";
import { notifyError } from "../../../app/notify.ts";
import { useI18n } from "../../../app/i18n/useI18n.ts";
import { useFeedMutations } from "../hooks/useFeedMutations.ts";

interface Values { name: string; url: string; intervalSeconds: number; enabled: boolean; senders: string[] }

/** Adds a feed of the caller's unit or changes one (address, interval, trusted senders, on/off). */
export function FeedFormModal({ feed, open, onClose }: { feed: WarningFeed | null; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { save } = useFeedMutations();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync(feed ? { id: feed.id, input: { ...v, version: feed.version } } : { input: v });
      onClose();
    } catch (err) {
      showFieldErrors(form, err);
      notifyError((err as Error).message);
    }
  };
  return (
    <Modal open={open} title={t(feed ? "feed.edit" : "feed.add")} onCancel={onClose} onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: save.isPending, "data-testid": "feed-save" } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}
        initialValues={feed ?? { intervalSeconds: WARNING_FEED_LIMITS.intervalDefault, enabled: true, senders: [] }}>
        <Form.Item name="name" label={t("feed.name")} rules={[{ required: true, whitespace: true, max: WARNING_FEED_LIMITS.name }]}>
          <Input placeholder="常州市气象台" data-testid="feed-name" />
        </Form.Item>
        <Form.Item name="url" label={t("feed.url")} rules={[{ required: true, max: WARNING_FEED_LIMITS.url }, { validator: (_, v: string) => (!v || /^https?:\/\/\S+$/.test(v) && URL.canParse(v) ? Promise.resolve() : Promise.reject(new Error(t("feed.urlBad")))) }]}>
          <Input placeholder="https://…/cap.xml" data-testid="feed-url" />
        </Form.Item>
        <Form.Item name="intervalSeconds" label={t("feed.interval")} rules={[{ required: true }]}>
          <InputNumber min={WARNING_FEED_LIMITS.intervalMin} max={WARNING_FEED_LIMITS.intervalMax} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="senders" label={t("feed.senders")} extra={t("feed.sendersHelp")} rules={[{ type: "array", max: WARNING_FEED_LIMITS.senders }]}>
          <Select mode="tags" tokenSeparators={[",", "，", " "]} open={false} placeholder="32040041600000" data-testid="feed-senders" />
        </Form.Item>
        <Form.Item name="enabled" label={t("feed.enabled")} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
