import type { WarningLevel } from "@yingji/contracts";

/** Banner and dot colours of the field app (the console's, a touch deeper for outdoor screens). */
export const M_LEVEL_COLORS: Record<WarningLevel, string> = { red: "#c4161c", orange: "#f08300", yellow: "#f5c400", blue: "#1565c0" };
