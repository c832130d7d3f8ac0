import type { Rule } from "antd/es/form";
import type { z } from "zod";

/**
 * An antd Form rule from a contracts schema, so a form checks exactly what the server
 * will check. Empty values pass (mark the field `required` separately).
 */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value) => {
      if (value === undefined || value === null || value === "") return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? "格式不正确");
    },
  };
}
