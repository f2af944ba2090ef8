/**
 * Roles and what each may do (DESIGN.md "Security model"). Every API route declares an
 * access level; this table turns it into the roles allowed, in one place.
 */
import type { Access } from '../api/route.ts';

export const roles = ['admin', 'case_manager', 'quality', 'executive'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  case_manager: 'Case manager',
  quality: 'Quality lead',
  executive: 'Executive',
};

/** Roles allowed on a route of each access level; `public` routes need no sign-in. */
export const rolesFor: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  aggregate: roles,
  patient: ['admin', 'case_manager'],
  admin: ['admin'],
};

/** Roles that see aggregates only, always with small-cell suppression. */
export const suppressedRoles: readonly Role[] = ['quality', 'executive'];

/** True when `role` may call a route of `access`. */
export function mayAccess(role: Role, access: Access): boolean {
  return access === 'public' || rolesFor[access].includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
