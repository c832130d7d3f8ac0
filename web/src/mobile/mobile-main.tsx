import { unstableSetRender } from "antd-mobile";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MobileApp } from "./MobileApp.tsx";
import { registerServiceWorker } from "./register-sw.ts";
import "./mobile.css";

// antd-mobile 5 renders Toast/Dialog with ReactDOM.render, which React 19 removed.
unstableSetRender((node, container) => {
  const root = createRoot(container);
  root.render(node);
  return async () => root.unmount();
});

export function mountMobile(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <MobileApp />
    </StrictMode>,
  );
  registerServiceWorker();
}
