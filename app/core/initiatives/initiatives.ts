import { foldVietnamese } from "../text";

/** The five themes of seed 003 (part II.2.b), in its order. */
export const THEMES = [
  { slug: "moi-truong-kinh-doanh", name: "Cải thiện môi trường kinh doanh, hỗ trợ doanh nghiệp phát triển" },
  { slug: "chi-so-cchc", name: "Cải thiện các chỉ số PAR INDEX, PAPI, SIPAS, PCI, DDCI" },
  { slug: "thu-tuc-bo-may-chinh-quyen-so", name: "Cải cách thủ tục hành chính, một cửa, bộ máy, công vụ, tài chính công, chính quyền số" },
  { slug: "dich-vu-cong-truc-tuyen", name: "Nâng cao chất lượng dịch vụ công trực tuyến toàn trình" },
  { slug: "van-hanh-thong-suot", name: "Bảo đảm hoạt động thông suốt, hiệu quả của cơ quan hành chính nhà nước" },
] as const;

export type ThemeSlug = (typeof THEMES)[number]["slug"];
export const THEME_SLUGS = THEMES.map((t) => t.slug) as [ThemeSlug, ...ThemeSlug[]];
export const themeName = (slug: string): string => THEMES.find((t) => t.slug === slug)?.name ?? slug;

export const ENTRY_STATUSES = ["draft", "submitted", "changes_requested", "accepted", "rejected"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const statusText: Record<EntryStatus, string> = {
  draft: "Bản nháp",
  submitted: "Đã nộp, chờ duyệt",
  changes_requested: "Cần chỉnh sửa",
  accepted: "Đã được chấp nhận",
  rejected: "Không được chấp nhận",
};

/** An author may change the entry while the round is open and the organizers have not decided on it. */
export function authorMayEdit(status: EntryStatus): boolean {
  return status === "draft" || status === "submitted" || status === "changes_requested";
}

export type ModerationAction = "accept" | "reject" | "request_changes" | "publish" | "unpublish";

/** Which organizer decisions are possible from a status (publishing needs acceptance first). */
export function moderationAllowed(status: EntryStatus, published: boolean, action: ModerationAction): boolean {
  switch (action) {
    case "accept":
      return status === "submitted" || status === "changes_requested" || status === "rejected";
    case "reject":
      return status === "submitted" || status === "changes_requested" || (status === "accepted" && !published);
    case "request_changes":
      return status === "submitted";
    case "publish":
      return status === "accepted" && !published;
    case "unpublish":
      return published;
  }
}

/**
 * Why a judge may not score an entry, or null: their own entry, an entry of their own unit (the entrant
 * unit, the author's unit or the unit of any named author), or one they recused themselves from.
 */
export function conflictOfInterest(
  judge: { userId: number; unitId: number | null },
  entry: { ownerId: number; unitId: number | null; ownerUnitId: number | null; authorUnitIds?: (number | null)[] },
  recused = false,
): string | null {
  if (judge.userId === entry.ownerId) return "Giám khảo không chấm bài dự thi của chính mình.";
  if (judge.unitId !== null) {
    const units = [entry.unitId, entry.ownerUnitId, ...(entry.authorUnitIds ?? [])];
    if (units.includes(judge.unitId)) return "Giám khảo không chấm bài dự thi của đơn vị mình.";
  }
  if (recused) return "Giám khảo đã xin không chấm bài này.";
  return null;
}

// Words so common in reform writing that they say nothing about an idea.
const STOP = new Set(
  "va cua cac cho de la mot nhung trong voi tai theo tu den khi da duoc co khong nay do ve tren duoi nhu thi ma hay boi vi cung nguoi dan to chuc can bo cong chuc vien chuc don vi co quan hanh chinh cai cach giai phap sang kien mo hinh thuc hien nham nang cao hieu qua".split(
    " ",
  ),
);

/** The syllables of a text that carry meaning, folded (no diacritics, lower case). */
export function meaningfulTokens(text: string): string[] {
  return foldVietnamese(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(" ")
    .filter((w) => w.length >= 2 && !STOP.has(w));
}

/**
 * An FTS5 MATCH expression for "ideas like this one": every meaningful syllable and every pair of
 * neighbouring syllables (a Vietnamese word is often two), OR-ed, so bm25 ranks the closest first.
 */
export function similarityQuery(text: string, maxTerms = 80): string | null {
  const tokens = meaningfulTokens(text);
  const terms = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (i + 1 < tokens.length) terms.add(`"${tokens[i]} ${tokens[i + 1]}"`);
    terms.add(`"${tokens[i]}"`);
  }
  const list = [...terms].slice(0, maxTerms);
  return list.length ? list.join(" OR ") : null;
}

/** How much of two texts' vocabulary (syllables and syllable pairs) they share, 0 to 100 (Dice coefficient). */
export function overlapPercent(a: string, b: string): number {
  const grams = (t: string) => {
    const tokens = meaningfulTokens(t);
    const set = new Set(tokens);
    for (let i = 0; i + 1 < tokens.length; i++) set.add(`${tokens[i]} ${tokens[i + 1]}`);
    return set;
  };
  const x = grams(a);
  const y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return Math.round((200 * shared) / (x.size + y.size));
}

export function searchText(parts: (string | null | undefined)[]): string {
  return foldVietnamese(parts.filter(Boolean).join(" \n "));
}
