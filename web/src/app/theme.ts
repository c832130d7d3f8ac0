import type { ThemeConfig } from "antd";

/** Deep government blue on antd's defaults; dense enough for long registers, still readable. */
export const PRIMARY = "#0f4c9e";
export const HEADER_BG = "#0b3274";

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    // The derived tints of this blue come out grey; pin the light ones used for selection.
    colorPrimaryBg: "#e8f0fb",
    colorPrimaryBgHover: "#d4e3f7",
    controlItemBgActive: "#e8f0fb",
    controlItemBgActiveHover: "#d4e3f7",
    colorInfoBg: "#e8f0fb",
    colorInfoBorder: "#b7cdee",
    colorPrimaryBorder: "#b7cdee",
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: HEADER_BG, headerHeight: 56, headerPadding: "0 20px", siderBg: "#ffffff", bodyBg: "#f0f2f5" },
    Table: { cellPaddingBlockSM: 6, headerBg: "#f5f7fa" },
    Menu: { itemHeight: 36, itemMarginBlock: 2, subMenuItemBg: "#ffffff", itemSelectedBg: "#e8f0fb", itemSelectedColor: PRIMARY },
    Tree: { nodeSelectedBg: "#dce8f8" },
  },
};
