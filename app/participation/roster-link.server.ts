import { z } from "zod";
import { parseWithZod } from "@conform-to/zod";
import { selfClaimSchema } from "../account/account.schemas";
import { getDb } from "../../db/connection";
import { logAudit } from "../../db/audit";
import * as rosters from "../../db/participation/rosters";
import * as accountDb from "../../db/account/account";
import { contestIds } from "../../db/participation/participation";
import { subtreeIds } from "../../db/participation/units";
import { enqueueContestRecompute } from "../../workers/queues";
import { checkSelfClaim, CLAIM_HELP } from "../core/participation/roster";
import { maskPhone } from "../core/account/privacy";
import { type CurrentUser, hasRole, roleUnitIds } from "../account/session.server";

/**
 * Linking accounts to roster rows: the person's own view (verified or not, pick one's row), and the review of
 * unmatched registrations and pending claims by a unit head (their subtree) or an organizer (every unit).
 */

export type ActionResult = { ok: boolean; message: string };

async function recompute() {
  for (const id of contestIds(getDb())) await enqueueContestRecompute(id);
}

/** What a person sees of their own link: verified, a pending claim, or the free rows of their unit to pick. */
export function ownRosterStatus(user: Pick<CurrentUser, "id" | "unitId">) {
  const db = getDb();
  const verified = rosters.isVerified(db, user.id);
  if (verified) return { verified: true as const, pending: null, unitHasRoster: true, freeRows: [] };
  const pending = rosters.claimOfUser(db, user.id) ?? null;
  const freeRows = user.unitId === null ? [] : rosters.freeRosterRows(db, [user.unitId]);
  const unitHasRoster = user.unitId !== null && (rosters.rosterSizes(db).get(user.unitId)?.size ?? 0) > 0;
  return {
    verified: false as const,
    pending,
    unitHasRoster,
    // Names and positions only: a colleague's date of birth or phone is not shown to someone picking a row.
    freeRows: freeRows.map((r) => ({ id: r.id, fullName: r.fullName, position: r.position })),
  };
}

const MAX_MISMATCHES_PER_DAY = 5;

/**
 * The person picks their row and confirms it with a second identifier. A wrong one changes nothing (and only a
 * few tries a day are allowed, so a colleague's birthday cannot be guessed); a row that holds none of what was
 * given becomes a claim for review.
 */
export function claimOwnRow(user: CurrentUser, form: FormData, now = Date.now()): ActionResult & { status: number } {
  const submission = parseWithZod(form, { schema: selfClaimSchema });
  if (submission.status !== "success") {
    const first = Object.values(submission.error ?? {}).flat()[0];
    return { ok: false, status: 400, message: first ?? "Thông tin không hợp lệ." };
  }
  const parsed = { data: submission.value };
  const db = getDb();
  if (rosters.isVerified(db, user.id)) return { ok: false, status: 409, message: "Tài khoản của bạn đã khớp danh sách cán bộ." };
  const row = rosters.rosterEntryBrief(db, parsed.data.entryId);
  if (!row || row.unitId !== user.unitId) return { ok: false, status: 404, message: "Không tìm thấy dòng này trong danh sách đơn vị của bạn." };
  if (row.userId !== null) return { ok: false, status: 409, message: `Dòng này đã được một tài khoản khác nhận. ${CLAIM_HELP}` };
  const tries = rosters.selfClaimMismatches(db, user.id, now - 86_400_000);
  if (tries >= MAX_MISMATCHES_PER_DAY) {
    return { ok: false, status: 429, message: "Bạn đã thử quá nhiều lần hôm nay. Vui lòng nhờ thủ trưởng đơn vị hoặc Ban Tổ chức ghép tài khoản." };
  }
  const verdict = checkSelfClaim({ birthDate: parsed.data.birthDate, cccd: parsed.data.cccd }, row);
  if (verdict === "mismatch") {
    logAudit(db, { userId: user.id, action: "roster_self_claim_mismatch", entity: "roster_entry", entityId: row.id }, now);
    return { ok: false, status: 400, message: "Thông tin xác nhận không khớp với dòng đã chọn. Vui lòng kiểm tra lại, hoặc nhờ thủ trưởng đơn vị ghép giúp." };
  }
  if (verdict === "review") {
    rosters.addClaim(db, { entryId: row.id, userId: user.id, via: "self" }, now);
    logAudit(db, { userId: user.id, action: "roster_claim", entity: "roster_entry", entityId: row.id }, now);
    return { ok: true, status: 200, message: "Đã gửi yêu cầu ghép. Thủ trưởng đơn vị hoặc Ban Tổ chức sẽ xác nhận." };
  }
  if (!rosters.linkByHand(db, user.id, row.id)) return { ok: false, status: 409, message: `Dòng này đã được một tài khoản khác nhận. ${CLAIM_HELP}` };
  logAudit(db, { userId: user.id, action: "roster_self_link", entity: "roster_entry", entityId: row.id }, now);
  void recompute();
  return { ok: true, status: 200, message: "Đã lưu: tài khoản của bạn đã khớp danh sách cán bộ." };
}

// ---------------------------------------------------------------- review

/** The units whose rows the reviewer answers for: null for an organizer (every unit), else the head's subtree. */
export function reviewScope(user: CurrentUser): number[] | null {
  if (hasRole(user, "organizer")) return null;
  if (!hasRole(user, "unit_head")) throw new Response("Tài khoản của bạn không có quyền xem trang này.", { status: 403 });
  const roots = roleUnitIds(user, "unit_head");
  return roots === null ? null : subtreeIds(getDb(), roots);
}

const inScope = (scope: number[] | null, unitId: number | null) => scope === null || (unitId !== null && scope.includes(unitId));

/** Unmatched registrations, free rows to link them to, and open claims, within the reviewer's scope. */
export function reviewData(user: CurrentUser, scope = reviewScope(user)) {
  const db = getDb();
  const unmatched = rosters.unmatchedRegistrations(db, scope);
  const free = rosters.freeRosterRows(db, [...new Set(unmatched.map((u) => u.unitId))]);
  return {
    unmatched: unmatched.map((u) => ({ ...u, phone: maskPhone(u.phone), candidates: free.filter((f) => f.unitId === u.unitId) })),
    claims: rosters.openClaims(db, scope).map((c) => ({ ...c, phone: maskPhone(c.phone) })),
    unitChanges: accountDb.pendingUnitChanges(db, scope).map((r) => ({ ...r, phone: maskPhone(r.phone) })),
    linkedRows: scope === null ? [] : rosters.linkedRows(db, scope).map((r) => ({ ...r, phone: maskPhone(r.phone) })),
  };
}

const idSchema = (name: string) => z.object({ [name]: z.coerce.number().int().positive() });
const linkSchema = z.object({
  userId: z.coerce.number().int().positive(),
  entryId: z.coerce.number({ invalid_type_error: "Vui lòng chọn một người trong danh sách." }).int().positive("Vui lòng chọn một người trong danh sách."),
});

export async function reviewAction(user: CurrentUser, form: FormData, now = Date.now()): Promise<ActionResult> {
  const scope = reviewScope(user);
  const db = getDb();
  const intent = form.get("intent");
  const fields = Object.fromEntries(form);
  if (intent === "link") {
    const p = linkSchema.safeParse(fields);
    if (!p.success) return { ok: false, message: p.error.issues[0].message };
    const row = rosters.rosterEntryBrief(db, p.data.entryId);
    const person = rosters.findUserBrief(db, p.data.userId);
    if (!row || !person || !inScope(scope, row.unitId) || !inScope(scope, person.unitId)) return { ok: false, message: "Không tìm thấy người hoặc dòng này trong phạm vi bạn phụ trách." };
    if (!rosters.linkByHand(db, p.data.userId, p.data.entryId)) return { ok: false, message: "Người này hoặc dòng danh sách đã được ghép." };
    logAudit(db, { userId: user.id, action: "link", entity: "roster_entry", entityId: p.data.entryId, detail: { userId: p.data.userId } }, now);
    await recompute();
    return { ok: true, message: `Đã lưu: ${person.fullName} đã được ghép với danh sách.` };
  }
  if (intent === "confirm-claim" || intent === "refuse-claim") {
    const p = idSchema("claimId").safeParse(fields);
    if (!p.success) return { ok: false, message: "Yêu cầu không hợp lệ." };
    const claim = rosters.claimOf(db, p.data.claimId as number);
    if (!claim || !inScope(scope, claim.unitId)) return { ok: false, message: "Không tìm thấy yêu cầu ghép này trong phạm vi bạn phụ trách." };
    if (intent === "confirm-claim") {
      if (!rosters.linkByHand(db, claim.userId, claim.entryId)) return { ok: false, message: "Dòng danh sách hoặc tài khoản này đã được ghép." };
      logAudit(db, { userId: user.id, action: "confirm_roster_claim", entity: "roster_entry", entityId: claim.entryId, detail: { userId: claim.userId, via: claim.via } }, now);
      await recompute();
      return { ok: true, message: "Đã lưu: yêu cầu ghép được xác nhận." };
    }
    const refused = rosters.refuseClaim(db, claim.id);
    logAudit(db, { userId: user.id, action: "refuse_roster_claim", entity: "roster_entry", entityId: claim.entryId, detail: { userId: claim.userId, clearedCccd: refused?.clearedCccd ?? false } }, now);
    return { ok: true, message: refused?.clearedCccd ? "Đã từ chối yêu cầu ghép và gỡ số CCCD khỏi tài khoản đó." : "Đã từ chối yêu cầu ghép." };
  }
  if (intent === "approve-unit-change" || intent === "refuse-unit-change") {
    const p = idSchema("requestId").safeParse(fields);
    if (!p.success) return { ok: false, message: "Yêu cầu không hợp lệ." };
    const req = accountDb.unitChangeById(db, p.data.requestId as number);
    if (!req || !(inScope(scope, req.toUnitId) || inScope(scope, req.fromUnitId))) return { ok: false, message: "Không tìm thấy yêu cầu này trong phạm vi bạn phụ trách." };
    if (intent === "refuse-unit-change") {
      accountDb.decideUnitChange(db, req.id, "refused", user.id, now);
      logAudit(db, { userId: user.id, action: "refuse_unit_change", entity: "user", entityId: req.userId, detail: { to: req.toUnitId } }, now);
      return { ok: true, message: `Đã từ chối yêu cầu chuyển đơn vị của ${req.fullName}.` };
    }
    // A unit head may move someone into their subtree only, or out of it; the other side must be theirs too
    // unless they are an organizer, so that a head cannot pull staff out of someone else's unit.
    if (!(inScope(scope, req.toUnitId) && inScope(scope, req.fromUnitId))) {
      return { ok: false, message: "Yêu cầu chuyển ra ngoài phạm vi của bạn: Ban Tổ chức duyệt yêu cầu này." };
    }
    if (!accountDb.decideUnitChange(db, req.id, "approved", user.id, now)) return { ok: false, message: "Yêu cầu này đã được xử lý." };
    rosters.movePerson(db, req.userId, req.toUnitId);
    rosters.linkRosterMatches(db, [req.toUnitId]);
    logAudit(db, { userId: user.id, action: "approve_unit_change", entity: "user", entityId: req.userId, detail: { from: req.fromUnitId, to: req.toUnitId } }, now);
    await recompute();
    return { ok: true, message: `Đã lưu: ${req.fullName} đã chuyển sang ${req.toUnitName}.` };
  }
  if (intent === "release-row") {
    const p = idSchema("entryId").safeParse(fields);
    if (!p.success) return { ok: false, message: "Yêu cầu không hợp lệ." };
    const row = rosters.rosterEntryBrief(db, p.data.entryId as number);
    if (!row || !inScope(scope, row.unitId)) return { ok: false, message: "Không tìm thấy dòng này trong phạm vi bạn phụ trách." };
    const released = rosters.releaseRow(db, row.id);
    if (!released) return { ok: false, message: "Dòng này chưa được ai nhận." };
    logAudit(db, { userId: user.id, action: "release_roster_row", entity: "roster_entry", entityId: row.id, detail: { userId: released.userId } }, now);
    await recompute();
    return { ok: true, message: `Đã gỡ: dòng của ${row.fullName} không còn gắn với tài khoản nào.` };
  }
  return { ok: false, message: "Thao tác không hợp lệ." };
}
