/**
 * Who issues a decision at a level, and which forms a level may grant. A level's rank comes from the nearest
 * administrative unit at or above it (a department decides on behalf of its office or district); a form's
 * rank from its catalogue level. A level never grants a form of a higher rank.
 */

export type Issuer = {
  issuingBody: string;
  issuingParent: string | null;
  symbol: string;
  place: string;
  signerTitle: string;
  signerName: string;
  certOffsetX: number;
  certOffsetY: number;
  certBlank: boolean;
};

const RANK_OF_KIND: Record<string, number> = { tinh: 3, huyen: 2, thanh_pho: 2, quan: 2, thi_xa: 2, xa: 1, phuong: 1, thi_tran: 1, co_quan: 1 };
const RANK_OF_LEVEL: Record<string, number> = { "toàn quốc": 4, tỉnh: 3, "thành phố": 2, huyện: 2, "xã, phường": 1, "cơ quan": 1, "cơ sở": 1 };
export const RANK_LABEL: Record<number, string> = { 4: "toàn quốc", 3: "tỉnh, thành phố trực thuộc trung ương", 2: "huyện", 1: "cơ sở" };

/** The rank of a level, from the kinds of the unit and its ancestors (nearest first); 1 when none is administrative. */
export function levelRank(kinds: readonly string[]): number {
  for (const k of kinds) if (RANK_OF_KIND[k]) return RANK_OF_KIND[k];
  return 1;
}

export function formRank(catalogueLevel: string | undefined): number {
  return RANK_OF_LEVEL[(catalogueLevel ?? "").normalize("NFC").trim()] ?? 1;
}

/** Refuses a form reserved to a level above the deciding one, with the reason in Vietnamese. */
export function checkFormLevel(form: { name: string; level: string | undefined }, deciding: { name: string; rank: number }): { ok: true } | { ok: false; message: string } {
  const r = formRank(form.level);
  if (r <= deciding.rank) return { ok: true };
  return { ok: false, message: `${form.name} thuộc thẩm quyền cấp ${RANK_LABEL[r]}: ${deciding.name} là cấp ${RANK_LABEL[deciding.rank]}, không được ban hành quyết định khen thưởng hình thức này.` };
}

const UBND = /^(Ủy|Uỷ) ban nhân dân\s+/iu;

/** The issuer a level starts with, from its unit's name: "Ủy ban nhân dân thành phố Cần Thơ" signs as its Chủ tịch. */
export function defaultIssuer(unitName: string, parentName: string | null): Issuer {
  const name = unitName.normalize("NFC").trim();
  const ubnd = UBND.test(name);
  const place = ubnd ? name.replace(UBND, "").replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/iu, "") : name;
  const initials = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .map((w) => w[0].toUpperCase())
    .join("")
    .slice(0, 8);
  return {
    issuingBody: name,
    issuingParent: ubnd ? null : parentName,
    symbol: ubnd ? "UBND" : initials || "QĐ",
    place,
    signerTitle: ubnd ? "CHỦ TỊCH" : "THỦ TRƯỞNG",
    signerName: "",
    certOffsetX: 0,
    certOffsetY: 0,
    certBlank: false,
  };
}

/** "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ": who grants, as the certificate and the form's name say it. */
export function authorityOf(i: Pick<Issuer, "signerTitle" | "issuingBody">): string {
  const t = i.signerTitle.trim().toLocaleLowerCase("vi");
  return `${t.charAt(0).toLocaleUpperCase("vi")}${t.slice(1)} ${i.issuingBody.trim()}`;
}

/** The name an award of a level's own form carries: "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ". */
export function ownFormTitle(catalogueName: string, issuer: Pick<Issuer, "signerTitle" | "issuingBody">): string {
  const kind = /^(Bằng khen|Giấy khen)\b/u.exec(catalogueName.normalize("NFC"));
  return kind ? `${kind[1]} của ${authorityOf(issuer)}` : catalogueName;
}
