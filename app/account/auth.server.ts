import { getDb } from "../../db/connection";
import { getUnit } from "../../db/participation/units";
import { linkUserToRoster } from "../../db/participation/rosters";
import * as usersDb from "../../db/account/users";
import type { z } from "zod";
import type { registerSchema } from "./auth.schemas";
import { hashPassword, verifyPassword } from "./password.server";
import { CLAIM_HELP } from "../core/participation/roster";

type RegisterInput = z.infer<typeof registerSchema>;
export type FieldErrors = Partial<Record<keyof RegisterInput, string[]>>;

/** Database checks after the schema: one account per phone and per CCCD, and a unit that exists. */
export async function registerParticipant(input: RegisterInput, now = Date.now()) {
  const db = getDb();
  const errors: FieldErrors = {};
  if (usersDb.findUserByPhone(db, input.phone)) errors.phone = [`Số điện thoại này đã có tài khoản. Vui lòng đăng nhập. ${CLAIM_HELP}`];
  if (input.cccd && usersDb.findUserByCccd(db, input.cccd)) errors.cccd = [`Số CCCD này đã được dùng cho một tài khoản khác. ${CLAIM_HELP}`];
  if (!getUnit(db, input.unitId)) errors.unitId = ["Đơn vị không có trong danh sách."];
  if (Object.keys(errors).length) return { ok: false as const, errors };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = usersDb.insertUser(db, {
      fullName: input.fullName,
      birthDate: input.birthDate,
      phone: input.phone,
      email: input.email ?? null,
      cccd: input.cccd ?? null,
      unitId: input.unitId,
      position: input.position,
      passwordHash,
      consentAt: now,
      createdAt: now,
    });
    const link = linkUserToRoster(db, user.id, now);
    return { ok: true as const, userId: user.id, link: link.status };
  } catch (err) {
    // Two registrations racing for the same phone: the unique index decides.
    if (err instanceof Error && /UNIQUE/.test(err.message)) {
      return { ok: false as const, errors: { phone: ["Số điện thoại hoặc CCCD đã có tài khoản."] } as FieldErrors };
    }
    throw err;
  }
}

export async function checkLogin(phone: string, password: string) {
  const user = usersDb.findUserByPhone(getDb(), phone);
  // Hash anyway when the account is unknown, so timing does not tell which phones are registered.
  const ok = await verifyPassword(password, user?.passwordHash ?? "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  return ok && user ? user.id : null;
}
