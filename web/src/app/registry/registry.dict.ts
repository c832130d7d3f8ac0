/** Words of the generic registry pages and the resource modules (teams, materials, shelters), [中文, English]. */
export const RESOURCES_DICT = {
  "common.yes": ["是", "Yes"],
  "common.no": ["否", "No"],
} as const satisfies Record<string, readonly [string, string]>;
