/** Query keys of stock; every movement or inspection invalidates `MATERIALS_KEYS.all`. */
export const MATERIALS_KEYS = {
  all: ["materials"] as const,
  stock: (params: object) => ["materials", "stock", params] as const,
  alerts: (params: object) => ["materials", "alerts", params] as const,
  movements: (params: object) => ["materials", "movements", params] as const,
  inspections: (warehouseId: string) => ["materials", "inspections", warehouseId] as const,
};
