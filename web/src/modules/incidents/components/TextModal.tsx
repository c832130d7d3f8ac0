import { Form, Input, Modal, type ButtonProps } from "antd";

/** A modal asking for one text (批示 or a forwarding note). */
export function TextModal(props: {
  open: boolean;
  title: string;
  label: string;
  /** What the action does, above the text (e.g. where a forwarded report goes and by when). */
  intro?: React.ReactNode;
  required?: boolean;
  loading?: boolean;
  testId: string;
  onOk: (text: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ text: string }>();
  const submit = async () => {
    const { text } = await form.validateFields();
    await props.onOk((text ?? "").trim()).then(props.onClose, () => {});
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => void submit().catch(() => {})}
      okButtonProps={{ loading: props.loading, "data-testid": `${props.testId}-submit` } as ButtonProps}
      destroyOnHidden
    >
      {props.intro}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label={props.label} rules={[{ required: !!props.required, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={4} data-testid={`${props.testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
