/**
 * The council's ballot (bình xét). Open or secret per session; a pass mark and a quorum as settings.
 * A secret vote leaves two facts behind: that the member voted, and the tally moved by one. Nothing links
 * the member to the choice, so nobody (an admin included) can read it back.
 */

export type BallotMode = "open" | "secret";
export type Share = "more_than_half" | "two_thirds";
export type Choice = "dong_y" | "khong_dong_y";

export const MODE_LABEL: Record<BallotMode, string> = { open: "Biểu quyết công khai", secret: "Bỏ phiếu kín" };
export const SHARE_LABEL: Record<Share, string> = { more_than_half: "quá nửa tổng số thành viên", two_thirds: "từ hai phần ba tổng số thành viên" };
export const CHOICE_LABEL: Record<Choice, string> = { dong_y: "Đồng ý", khong_dong_y: "Không đồng ý" };

export type BallotSettings = { mode: BallotMode; passMark: Share; quorum: Share };

/** The smallest count that meets a share of the members. */
export function needed(share: Share, members: number): number {
  return share === "more_than_half" ? Math.floor(members / 2) + 1 : Math.ceil((2 * members) / 3);
}

export type Tally = { yes: number; no: number };

export type TallyResult = {
  members: number;
  voted: number;
  yes: number;
  no: number;
  quorumNeeded: number;
  passNeeded: number;
  quorate: boolean;
  passed: boolean;
  text: string;
};

const pct = (n: number, d: number) => (d === 0 ? "0" : new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format((100 * n) / d));

/**
 * The result of one candidate's vote. The pass mark counts against every member of the council (not only
 * those present), as a council's rules usually write it: "được quá nửa tổng số thành viên Hội đồng đồng ý".
 */
export function tallyResult(settings: Pick<BallotSettings, "passMark" | "quorum">, members: number, t: Tally): TallyResult {
  const voted = t.yes + t.no;
  const quorumNeeded = needed(settings.quorum, members);
  const passNeeded = needed(settings.passMark, members);
  const quorate = voted >= quorumNeeded;
  const passed = quorate && t.yes >= passNeeded;
  const text = !quorate
    ? `Không đủ số thành viên biểu quyết (${voted}/${members}, cần ít nhất ${quorumNeeded}).`
    : `${t.yes}/${members} thành viên đồng ý (${pct(t.yes, members)}%), ${t.no} không đồng ý; ${passed ? "đạt" : "không đạt"} (cần ${SHARE_LABEL[settings.passMark]}, tức ${passNeeded}).`;
  return { members, voted, yes: t.yes, no: t.no, quorumNeeded, passNeeded, quorate, passed, text };
}

/** What a vote writes: always the voter's mark and the tally's step; the choice itself only in an open ballot. */
export type VoteRecord = { voterId: number; tallyStep: Tally; openChoice?: Choice };

export function recordVote(mode: BallotMode, voterId: number, choice: Choice, alreadyVoted: boolean): { ok: true; record: VoteRecord } | { ok: false; message: string } {
  // A secret vote cannot be changed: changing it would need to know the first choice to undo it.
  if (alreadyVoted) return { ok: false, message: "Bạn đã biểu quyết hồ sơ này." };
  const tallyStep = choice === "dong_y" ? { yes: 1, no: 0 } : { yes: 0, no: 1 };
  return { ok: true, record: mode === "secret" ? { voterId, tallyStep } : { voterId, tallyStep, openChoice: choice } };
}

export function addTally(a: Tally, b: Tally): Tally {
  return { yes: a.yes + b.yes, no: a.no + b.no };
}
