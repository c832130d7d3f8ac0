import { z } from "zod";
import { Id, LIMITS, Line, Secret, Version } from "./common.ts";
import { ROLES } from "./permissions.ts";

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Password policy (rules.md, security baseline): 8–64 characters from 3 of 4 classes, not a common password. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

export const LoginInput = z.strictObject({
  username: Line(64).min(1),
  password: Secret(PASSWORD_MAX).min(1),
  /** 6-digit code from the authenticator app (动态口令), when the account has TOTP. */
  totp: z.string().regex(/^\d{6}$/).optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: Id,
  unitName: z.string(),
  unitPath: z.string().describe("ltree path of the user's unit; the data scope"),
  personId: Id.nullable(),
  permissions: z.array(z.string()),
  totpEnabled: z.boolean(),
  /** The account must enrol a second factor before anything else (REQUIRE_2FA). */
  mustEnrollTotp: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Send back in the X-CSRF-Token header on every write made with the session cookie. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: Secret(PASSWORD_MAX).min(1),
  newPassword: Secret(PASSWORD_MAX).min(1),
});

export const TotpSetup = z.object({
  secret: z.string().describe("base32 secret"),
  otpauthUrl: z.string(),
});

export const TotpEnableInput = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

export const UserSummary = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: Id,
  unitName: z.string(),
  personId: Id.nullable(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: Version,
});
export type UserSummary = z.infer<typeof UserSummary>;

export const CreateUserInput = z.strictObject({
  username: Line(64).min(2).regex(/^[a-zA-Z0-9_.-]+$/, "只能使用字母、数字、下划线、点和连字符"),
  displayName: Line(LIMITS.name).min(1),
  role: Role,
  unitId: Id,
  personId: Id.nullable().optional(),
  password: Secret(PASSWORD_MAX).min(1),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  version: Version,
  displayName: Line(LIMITS.name).min(1).optional(),
  role: Role.optional(),
  unitId: Id.optional(),
  personId: Id.nullable().optional(),
  /** Disabling an account ends all its sessions at once. */
  active: z.boolean().optional(),
  /** Set a new password (the user must change it at next login). */
  password: Secret(PASSWORD_MAX).min(1).optional(),
  /** Remove the second factor so the user can enrol again. */
  resetTotp: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const UserListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  q: Line(100).optional(),
  role: Role.optional(),
});
