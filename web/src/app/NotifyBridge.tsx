import { App } from "antd";
import { useEffect } from "react";
import { setNotifier } from "./notify.ts";

/** Lets the query cache show errors with antd's themed `message` (needs to sit inside <App>). */
export function NotifyBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    setNotifier(
      (text) => void message.error(text),
      (text) => void message.success(text),
    );
  }, [message]);
  return null;
}
