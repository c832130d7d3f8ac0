/**
 * The field app's entry (m/index.html, served for /m/*). It imports none of the console
 * (antd, echarts, the console's routes); its pages load when first opened.
 */
import { mountMobile } from "./mobile-main.tsx";

mountMobile(document.getElementById("root")!);
