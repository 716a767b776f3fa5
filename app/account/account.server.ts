import { parseWithZod } from "@conform-to/zod";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import * as accountDb from "../../db/account/account";
import { getUnit } from "../../db/participation/units";
import * as usersDb from "../../db/account/users";
import { passwordChangeSchema, profileSchema, unitChangeSchema } from "./account.schemas";
import { hashPassword, verifyPassword } from "./password.server";
import { type CurrentUser, sessionIdFromCookie } from "./session.server";

/**
 * The person's own account: password, profile, and a request to change unit. Each returns Conform's reply
 * (errors tied to fields) and, on success, a sentence that says what was saved.
 */

export async function changeOwnPassword(user: CurrentUser, form: FormData, cookieHeader: string | null, now = Date.now()) {
  const submission = parseWithZod(form, { schema: passwordChangeSchema });
  const hide = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
  if (submission.status !== "success") return { status: 400, reply: submission.reply(hide), message: null };
  const db = getDb();
  const row = usersDb.findUserById(db, user.id);
  if (!row || !(await verifyPassword(submission.value.currentPassword, row.passwordHash))) {
    return { status: 400, reply: submission.reply({ ...hide, fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] } }), message: null };
  }
  const hash = await hashPassword(submission.value.newPassword);
  // Every other device is signed out: whoever knew the old password loses the session it gave them.
  const ended = db.transaction(() => {
    usersDb.updatePasswordHash(db, user.id, hash);
    const n = accountDb.deleteOtherSessions(db, user.id, sessionIdFromCookie(cookieHeader));
    logAudit(db, { userId: user.id, action: "change_own_password", entity: "user", entityId: user.id, detail: { sessionsEnded: n } }, now);
    return n;
  });
  return {
    status: 200,
    reply: submission.reply({ resetForm: true }),
    message: ended > 0 ? `Đã lưu mật khẩu mới. ${ended} thiết bị khác đã được đăng xuất.` : "Đã lưu mật khẩu mới.",
  };
}

export function updateOwnProfile(user: CurrentUser, form: FormData, now = Date.now()) {
  const submission = parseWithZod(form, { schema: profileSchema });
  if (submission.status !== "success") return { status: 400, reply: submission.reply(), message: null };
  const db = getDb();
  const v = submission.value;
  db.transaction(() => {
    accountDb.updateProfile(db, user.id, { fullName: v.fullName, position: v.position, email: v.email ?? null });
    logAudit(db, { userId: user.id, action: "update_own_profile", entity: "user", entityId: user.id }, now);
  });
  return { status: 200, reply: submission.reply(), message: "Đã lưu thông tin cá nhân." };
}

/** A unit change is never applied here: it waits for the organizer or a unit head (see roster-link.server.ts). */
export function requestOwnUnitChange(user: CurrentUser, form: FormData, now = Date.now()) {
  const submission = parseWithZod(form, { schema: unitChangeSchema });
  if (submission.status !== "success") return { status: 400, reply: submission.reply(), message: null };
  const db = getDb();
  const to = getUnit(db, submission.value.toUnitId);
  if (!to) return { status: 400, reply: submission.reply({ fieldErrors: { toUnitId: ["Đơn vị không có trong danh sách."] } }), message: null };
  if (to.id === user.unitId) return { status: 400, reply: submission.reply({ fieldErrors: { toUnitId: ["Bạn đang thuộc đơn vị này."] } }), message: null };
  accountDb.requestUnitChange(db, { userId: user.id, fromUnitId: user.unitId, toUnitId: to.id, reason: submission.value.reason ?? null }, now);
  logAudit(db, { userId: user.id, action: "request_unit_change", entity: "user", entityId: user.id, detail: { from: user.unitId, to: to.id } }, now);
  return {
    status: 200,
    reply: submission.reply({ resetForm: true }),
    message: `Đã gửi yêu cầu chuyển sang ${to.name}. Ban Tổ chức hoặc thủ trưởng đơn vị sẽ duyệt; đến khi đó bạn vẫn thuộc đơn vị cũ.`,
  };
}

export function pendingOwnUnitChange(userId: number) {
  return accountDb.pendingUnitChange(getDb(), userId) ?? null;
}
