/** The fixed words of the administrative layout (thể thức văn bản), shared by the Word files and the certificates. */
export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";

/** A date line as NĐ 30/2020 writes it: "Thăng Bình, ngày 15 tháng 01 năm 2024" (day below 10 and months 1–2 padded). */
export function placeDate(place: string, isoDate: string | null): string {
  if (!isoDate) return `${place}, ngày      tháng      năm ${new Date().getFullYear()}`;
  const [y, m, d] = isoDate.split("-").map(Number);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

/** What the printed sheet is called: a Bằng khen prints as a bằng khen; every other form keeps "giấy khen". */
export function certificateNoun(formTitle: string | undefined): { lower: string; title: string } {
  return /^bằng khen/i.test((formTitle ?? "").trim()) ? { lower: "bằng khen", title: "Bằng khen" } : { lower: "giấy khen", title: "Giấy khen" };
}
