import type { Permission } from "@yingji/contracts";
import { useMe } from "./useMe.ts";

/** Whether the signed-in user holds a permission (the server checks again on every request). */
export function useCan(): (permission: Permission) => boolean {
  const { data: me } = useMe();
  return (permission) => !!me?.permissions.includes(permission);
}
