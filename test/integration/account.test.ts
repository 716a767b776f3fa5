import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Queue } from "bullmq";
import { foldVietnamese } from "../../app/core/text";
import { hashPassword, verifyPassword } from "../../app/account/password.server";
import {
  changeOwnPassword,
  requestOwnUnitChange,
  updateOwnProfile,
} from "../../app/account/account.server";
import { reviewAction, reviewData } from "../../app/participation/roster-link.server";
import { createSession, type CurrentUser } from "../../app/account/session.server";
import { sessions, units, users } from "../../db/schema";
import { grantRole, insertUser } from "../../db/account/users";
import {
  closeWebQueues,
  QUEUE,
  queueConfig,
  redisConnection,
} from "../../workers/queues";
import { useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("account");
const { db } = env;
afterAll(async () => {
  await closeWebQueues();
  const connection = redisConnection();
  for (const name of Object.values(QUEUE)) {
    const q = new Queue(name, {
      connection,
      prefix: queueConfig().QUEUE_PREFIX,
    });
    await q.obliterate({ force: true });
    await q.close();
  }
  connection.disconnect();
  env.cleanup();
});
const now = Date.now();
const unit = (code: string, parentId: number | null) =>
  db
    .insert(units)
    .values({
      code,
      name: `Đơn vị ${code}`,
      nameFolded: foldVietnamese(`Đơn vị ${code}`),
      kind: "xa",
      parentId,
      headcount: 5,
    })
    .returning()
    .get();
const D = unit("D", null);
const X = unit("X", D.id);
const Y = unit("Y", D.id);
const me = insertUser(db, {
  fullName: "Nguyễn Văn A",
  phone: "0940000001",
  unitId: X.id,
  position: "Chuyên viên",
  passwordHash: await hashPassword("matkhau-cu-1"),
  createdAt: now,
});
const user: CurrentUser = {
  id: me.id,
  fullName: me.fullName,
  phone: me.phone,
  unitId: X.id,
  unitName: null,
  position: null,
  roles: [],
};
const headXUser = insertUser(db, {
  fullName: "Thủ trưởng X",
  phone: "0940000002",
  unitId: X.id,
  passwordHash: "x",
  createdAt: now,
});
grantRole(db, headXUser.id, "unit_head", X.id);
const headX: CurrentUser = {
  ...user,
  id: headXUser.id,
  roles: [{ role: "unit_head", unitId: X.id }],
};
const headDUser = insertUser(db, {
  fullName: "Thủ trưởng D",
  phone: "0940000003",
  unitId: D.id,
  passwordHash: "x",
  createdAt: now,
});
const headD: CurrentUser = {
  ...user,
  id: headDUser.id,
  roles: [{ role: "unit_head", unitId: D.id }],
};
const form = (o: Record<string, string | number>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, String(v));
  return f;
};
const row = () => db.select().from(users).where(eq(users.id, me.id)).get()!;
const sessionCount = () =>
  db.select().from(sessions).where(eq(sessions.userId, me.id)).all().length;

describe("one's own account", () => {
  it("changes the password only with the current one, and ends the other sessions but not this one", async () => {
    const here = createSession(me.id).split(";")[0];
    createSession(me.id);
    createSession(me.id);
    const wrong = await changeOwnPassword(
      user,
      form({
        intent: "change-password",
        currentPassword: "sai-roi-123",
        newPassword: "matkhau-moi-2",
        confirmPassword: "matkhau-moi-2",
      }),
      here
    );
    expect(wrong).toMatchObject({ status: 400, message: null });
    expect(wrong.reply?.error?.currentPassword).toEqual([
      "Mật khẩu hiện tại không đúng.",
    ]);
    const mismatch = await changeOwnPassword(
      user,
      form({
        intent: "change-password",
        currentPassword: "matkhau-cu-1",
        newPassword: "matkhau-moi-2",
        confirmPassword: "khac",
      }),
      here
    );
    expect(mismatch.reply?.error?.confirmPassword).toEqual([
      "Hai lần nhập mật khẩu mới không giống nhau.",
    ]);
    expect(await verifyPassword("matkhau-cu-1", row().passwordHash)).toBe(true);
    expect(sessionCount()).toBe(3);
    const ok = await changeOwnPassword(
      user,
      form({
        intent: "change-password",
        currentPassword: "matkhau-cu-1",
        newPassword: "matkhau-moi-2",
        confirmPassword: "matkhau-moi-2",
      }),
      here
    );
    expect(ok).toMatchObject({
      status: 200,
      message: "Đã lưu mật khẩu mới. 2 thiết bị khác đã được đăng xuất.",
    });
    expect(await verifyPassword("matkhau-moi-2", row().passwordHash)).toBe(
      true
    );
    expect(sessionCount()).toBe(1);
  });

  it("fixes the profile, with Vietnamese messages for bad input that change nothing", () => {
    const bad = updateOwnProfile(
      user,
      form({
        intent: "profile",
        fullName: "A",
        position: "Chuyên viên",
        email: "khong-phai-email",
      })
    );
    expect(bad.status).toBe(400);
    expect(bad.reply.error).toMatchObject({
      fullName: ["Họ và tên quá ngắn."],
      email: ["Email không hợp lệ."],
    });
    expect(row().fullName).toBe("Nguyễn Văn A");
    const ok = updateOwnProfile(
      user,
      form({
        intent: "profile",
        fullName: "Nguyễn Văn Anh",
        position: "Phó phòng",
        email: "anh@example.vn",
      })
    );
    expect(ok).toMatchObject({
      status: 200,
      message: "Đã lưu thông tin cá nhân.",
    });
    expect(row()).toMatchObject({
      fullName: "Nguyễn Văn Anh",
      position: "Phó phòng",
      email: "anh@example.vn",
    });
  });

  it("asks for a unit change, which waits for review and is applied only when approved", async () => {
    const r = requestOwnUnitChange(
      user,
      form({ intent: "unit-change", toUnitId: Y.id, reason: "Điều động" })
    );
    expect(r).toMatchObject({
      status: 200,
      message: expect.stringContaining("Đã gửi yêu cầu"),
    });
    expect(row().unitId).toBe(X.id);
    const req = reviewData(headX).unitChanges[0];
    expect(req).toMatchObject({ toUnitName: "Đơn vị Y", reason: "Điều động" });
    // The head of X sees it (it leaves their unit) but cannot move someone into a unit outside their subtree.
    expect(
      await reviewAction(
        headX,
        form({ intent: "approve-unit-change", requestId: req.id })
      )
    ).toMatchObject({ ok: false });
    expect(row().unitId).toBe(X.id);
    expect(
      await reviewAction(
        headD,
        form({ intent: "approve-unit-change", requestId: req.id })
      )
    ).toMatchObject({ ok: true, message: expect.stringContaining("Đã lưu") });
    expect(row().unitId).toBe(Y.id);
  });
});
