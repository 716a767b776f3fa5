import { getDb } from "../../db/connection";
import * as em from "../../db/emulation/queries";
import { membershipsOf } from "../../db/awards/queries";
import { subtreeIds } from "../../db/participation/units";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";

/**
 * Who may act on award dossiers. A unit head proposes for the units of their subtree that take part in the
 * movement; an organizer acts for the levels (units) of their subtree that hold proposals; a council member
 * votes in the sessions of their council's level. Every use case of the feature asks here first.
 */

export const notFound = (m = "Không tìm thấy.") => new Response(m, { status: 404 });
export const forbidden = (m = "Bạn không có quyền thực hiện việc này.") => new Response(m, { status: 403 });

export function organizerScope(user: CurrentUser): Set<number> | null {
  if (!hasRole(user, "organizer")) return new Set();
  const scoped = roleUnitIds(user, "organizer");
  return scoped === null ? null : new Set(subtreeIds(getDb(), scoped));
}

export function canOrganizeLevel(user: CurrentUser, levelUnitId: number): boolean {
  const s = organizerScope(user);
  return s === null || s.has(levelUnitId);
}

export function headUnitsIn(user: CurrentUser, m: em.MovementRow): number[] {
  if (!hasRole(user, "unit_head") || m.state === "draft") return [];
  const scoped = roleUnitIds(user, "unit_head");
  const part = em.participatingUnitIds(getDb(), m);
  if (scoped === null) return part;
  const scope = new Set(subtreeIds(getDb(), scoped));
  return part.filter((u) => scope.has(u));
}

export function councilLevels(user: CurrentUser): Map<number, "chu_tich" | "pho_chu_tich" | "thu_ky" | "thanh_vien"> {
  return new Map(membershipsOf(getDb(), user.id).map((m) => [m.levelUnitId, m.role]));
}

export function requireMovement(id: number): em.MovementRow {
  const m = em.getMovement(getDb(), id);
  if (!m) throw notFound("Không tìm thấy phong trào này.");
  return m;
}
