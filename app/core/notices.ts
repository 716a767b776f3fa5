import { utcToVnLocal } from "./organizer/weeks";

/**
 * Texts the unit head and the organizers hand on: the reminder pasted into Zalo, and the date lines of
 * printed administrative documents. Pure: times in, Vietnamese text out, always in Vietnam time.
 */

/** 01/12/2025 17:00 — the order Vietnamese readers expect, whatever the phone's locale. */
export function vnDateTimeText(ms: number): string {
  const local = utcToVnLocal(ms); // yyyy-mm-ddThh:mm
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** "Thăng Bình, ngày 05 tháng 12 năm 2025": the place-and-date line of an administrative document. */
export function placeDateLine(place: string, ms: number): string {
  const local = utcToVnLocal(ms);
  return `${place}, ngày ${local.slice(8, 10)} tháng ${local.slice(5, 7)} năm ${local.slice(0, 4)}`;
}

/** The reminder a unit head sends to those who have not taken part yet. */
export function reminderText(input: { contestTitle: string; periodLabel: string; closesAt: number | null; link: string; unitName: string }): string {
  const deadline = input.closesAt ? ` trước ${vnDateTimeText(input.closesAt)} (giờ Việt Nam)` : "";
  return [
    `Kính gửi các đồng chí cán bộ, công chức ${input.unitName},`,
    `Đề nghị các đồng chí chưa tham gia hoàn thành "${input.contestTitle}" (${input.periodLabel})${deadline}.`,
    `Vào thi tại: ${input.link}`,
    "Trân trọng cảm ơn!",
  ].join("\n");
}

/** The place name of a unit for the date line: "Huyện Thăng Bình" → "Thăng Bình". */
export function placeOf(unitName: string): string {
  return unitName.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, "").replace(/^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn)\s+/iu, "").trim();
}

/** The first line of the agency block, "UBND HUYỆN THĂNG BÌNH", from the name of the unit above. */
export function agencyLine(parentName: string): string {
  const upper = parentName.toLocaleUpperCase("vi");
  return /^(UBND|ỦY BAN|UỶ BAN)\b/u.test(upper) ? upper : `UBND ${upper}`;
}
