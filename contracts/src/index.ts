export * from "./common.ts";
export * from "./permissions.ts";
export * from "./auth.ts";
export * from "./audit.ts";
export * from "./org.ts";
export * from "./duty.ts";
export * from "./incidents.ts";
export * from "./modules.ts";
