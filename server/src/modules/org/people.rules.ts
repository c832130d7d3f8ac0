/** Masking of phone numbers: the one platform rule (13812341234 → 138****1234, 0519-86881234 → 0519-****1234, an invalid stored number → 号码有误). */
export { maskPhone } from "../../platform/masking.ts";
