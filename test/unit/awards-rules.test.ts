import { describe, expect, it } from "vitest";
import {
  availableActions,
  checkQuota,
  checkReplace,
  checkTransition,
  checkUpload,
  daysLeft,
  needed,
  nextDecisionNumber,
  orderWithinQuota,
  recordVote,
  tallyResult,
  withinDeadline,
} from "../../app/core/awards";
import { nextLevel, ownLevels } from "../../app/core/awards";

const at = (iso: string) => Date.parse(iso);

describe("proposal route", () => {
  it("walks nháp → đã gửi → đã tiếp nhận → đủ điều kiện → trình hội đồng → đã khen thưởng", () => {
    let s = "nhap" as Parameters<typeof checkTransition>[0];
    for (const [action, actor] of [["send", "unit"], ["receive", "organizer"], ["qualify", "organizer"], ["submit", "organizer"], ["award", "organizer"]] as const) {
      const r = checkTransition(s, action, { actor });
      expect(r.ok, `${action} from ${s}`).toBe(true);
      if (r.ok) s = r.to;
    }
    expect(s).toBe("da_khen_thuong");
  });

  it("refuses a return without a reason and an action by the wrong actor", () => {
    expect(checkTransition("da_gui", "return", { actor: "organizer", reason: "" })).toEqual({ ok: false, message: "Ghi rõ lý do (ít nhất 5 ký tự)." });
    expect(checkTransition("da_gui", "return", { actor: "organizer", reason: "Thiếu biên bản họp xét" })).toEqual({ ok: true, to: "tra_lai" });
    expect(checkTransition("da_gui", "receive", { actor: "unit" }).ok).toBe(false);
    expect(checkTransition("nhap", "qualify", { actor: "organizer" }).ok).toBe(false);
    expect(checkTransition("da_tiep_nhan", "disqualify", { actor: "organizer", reason: "Chỉ số dưới 90%" })).toEqual({ ok: true, to: "khong_du_dieu_kien" });
  });

  it("a returned dossier can be sent again, and forwarding needs a level above", () => {
    expect(availableActions("tra_lai", "unit")).toEqual(["send"]);
    expect(checkTransition("du_dieu_kien", "forward", { actor: "organizer", hasParentLevel: false }).ok).toBe(false);
    expect(checkTransition("du_dieu_kien", "forward", { actor: "organizer", hasParentLevel: true })).toEqual({ ok: true, to: "da_gui" });
  });

  it("refuses a dossier after the deadline's last day in Asia/Ho_Chi_Minh unless reopened for the unit", () => {
    const w = { deadline: "2026-01-15", reopenedUntil: null };
    // 23:59 on 15/01 in Vietnam is 16:59 UTC.
    expect(withinDeadline(w, at("2026-01-15T16:59:00Z"))).toBe(true);
    expect(withinDeadline(w, at("2026-01-15T17:00:00Z"))).toBe(false);
    expect(checkTransition("nhap", "send", { actor: "unit", window: w, now: at("2026-01-16T02:00:00Z") }).ok).toBe(false);
    expect(checkTransition("nhap", "send", { actor: "unit", window: { ...w, reopenedUntil: "2026-01-20" }, now: at("2026-01-16T02:00:00Z") }).ok).toBe(true);
    expect(withinDeadline({ ...w, reopenedUntil: "2026-01-20" }, at("2026-01-21T02:00:00Z"))).toBe(false);
    expect(daysLeft("2026-01-15", at("2026-01-10T01:00:00Z"))).toBe(5);
    expect(daysLeft("2026-01-15", at("2026-01-16T01:00:00Z"))).toBe(-1);
  });
});

describe("quota", () => {
  it("lets a unit propose up to the quota and names it when over", () => {
    expect(checkQuota({ type: "total", n: 3 }, 2).ok).toBe(true);
    const r = checkQuota({ type: "total", n: 3 }, 3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("tối đa 3");
    expect(checkQuota({ type: "none" }, 99).ok).toBe(true);
  });
});

describe("ballot", () => {
  it("more than half of 7 members is 4, two thirds of 7 is 5, two thirds of 9 is 6", () => {
    expect(needed("more_than_half", 7)).toBe(4);
    expect(needed("more_than_half", 8)).toBe(5);
    expect(needed("two_thirds", 7)).toBe(5);
    expect(needed("two_thirds", 9)).toBe(6);
  });

  it("passes on the members' count, and fails without quorum whatever the votes", () => {
    const s = { passMark: "more_than_half", quorum: "two_thirds" } as const;
    expect(tallyResult(s, 7, { yes: 4, no: 1 }).passed).toBe(true);
    expect(tallyResult(s, 7, { yes: 3, no: 2 }).passed).toBe(false);
    const noQuorum = tallyResult(s, 7, { yes: 4, no: 0 });
    expect(noQuorum.quorate).toBe(false);
    expect(noQuorum.passed).toBe(false);
    expect(noQuorum.text).toContain("Không đủ số thành viên");
    expect(tallyResult({ passMark: "two_thirds", quorum: "two_thirds" }, 7, { yes: 4, no: 1 }).passed).toBe(false);
  });

  it("a secret vote records who voted and the tally step, never the choice; an open vote keeps the choice", () => {
    const secret = recordVote("secret", 11, "khong_dong_y", false);
    expect(secret.ok).toBe(true);
    if (secret.ok) {
      expect(secret.record).toEqual({ voterId: 11, tallyStep: { yes: 0, no: 1 } });
      expect(JSON.stringify(secret.record)).not.toContain("khong_dong_y");
    }
    const open = recordVote("open", 11, "dong_y", false);
    expect(open.ok && open.record.openChoice).toBe("dong_y");
    expect(recordVote("secret", 11, "dong_y", true).ok).toBe(false);
  });
});

describe("order within quota (NĐ 152/2025 Điều 4)", () => {
  it("puts a collective of at least 70% women first among equal votes at the quota's edge", () => {
    const rows = [
      { key: "unit:1", name: "Xã Phước Hòa", target: "collective" as const, yes: 6, womenShare: 0.35, group: "all" },
      { key: "unit:2", name: "Xã Phước Thuận", target: "collective" as const, yes: 6, womenShare: 0.74, group: "all" },
      { key: "unit:3", name: "Xã Phước Sơn", target: "collective" as const, yes: 7, womenShare: 0.41, group: "all" },
    ];
    const out = orderWithinQuota({ type: "total", n: 2 }, rows);
    expect(out.map((r) => [r.key, r.withinQuota])).toEqual([
      ["unit:3", true],
      ["unit:2", true],
      ["unit:1", false],
    ]);
    expect(out[1].note).toContain("Điều 4");
    expect(out[2].note).toContain("vượt chỉ tiêu");
  });

  it("leaves a tie the rule cannot break to the council", () => {
    const rows = [
      { key: "person:1", name: "A", target: "individual" as const, yes: 5, gender: "nam" as const, group: "all" },
      { key: "person:2", name: "B", target: "individual" as const, yes: 5, gender: "nam" as const, group: "all" },
    ];
    const out = orderWithinQuota({ type: "total", n: 1 }, rows);
    expect(out.every((r) => r.note?.includes("Hội đồng quyết định"))).toBe(true);
  });
});

describe("decision numbers and uploads", () => {
  it("numbers the year's decisions per issuing body", () => {
    expect(nextDecisionNumber([], "UBND")).toBe("1/QĐ-UBND");
    expect(nextDecisionNumber(["12/QĐ-UBND", "3/QĐ-UBND", "40/QĐ-VP"], "UBND")).toBe("13/QĐ-UBND");
  });

  it("accepts a PDF or a Word file by content, refuses others and oversize files", () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n...");
    expect(checkUpload(pdf, "to-trinh.pdf")).toEqual({ ok: true, kind: "pdf" });
    expect(checkUpload(pdf, "to-trinh.exe").ok).toBe(false);
    expect(checkUpload(new TextEncoder().encode("MZ\x90\x00"), "x.pdf").ok).toBe(false);
    expect(checkUpload(pdf, "big.pdf", 4).ok).toBe(false);
  });

  it("a registered document cannot be replaced, only superseded with a reason", () => {
    expect(checkReplace({ registeredDecisionId: null }, null)).toEqual({ ok: true, supersede: false });
    expect(checkReplace({ registeredDecisionId: 4 }, "").ok).toBe(false);
    expect(checkReplace({ registeredDecisionId: 4 }, "Bản ký lại do sai chức vụ")).toEqual({ ok: true, supersede: true });
  });
});

describe("the level a proposal goes up to, and the levels an organizer works at", () => {
  // 1 city > 2 office (the movement's root) > 3 its personnel desk (organizer), 4 a section; 5 another city's office.
  const parent: Record<number, number | null> = { 1: null, 2: 1, 3: 2, 4: 2, 5: null };
  const tree = { rootUnitId: 2, inTree: (u: number) => u === 2 || u === 3 || u === 4 };
  it("goes from the movement's tree to the level above its root, then parent by parent, and stops at the top", () => {
    expect(nextLevel(3, tree, (u) => parent[u])).toBe(1);
    expect(nextLevel(2, tree, (u) => parent[u])).toBe(1);
    expect(nextLevel(1, tree, (u) => parent[u])).toBeNull();
  });
  it("keeps the highest level on each branch", () => {
    const above = (upper: number, lower: number) => {
      for (let u = parent[lower]; u !== null; u = parent[u]) if (u === upper) return true;
      return false;
    };
    expect(ownLevels([3, 1], above)).toEqual([1]);
    expect(ownLevels([3, 5], above)).toEqual([3, 5]);
    expect(ownLevels([3], above)).toEqual([3]);
  });
});
