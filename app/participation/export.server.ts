import { excelVietnamTime } from "../core/spreadsheet";
import { foldVietnamese } from "../core/text";
import { type SheetSpec, writeWorkbook } from "../excel.server";
import { type HeadQuery, organizerOverview, unitHeadDashboard } from "./participation.server";
import type { CurrentUser } from "../account/session.server";

const fileSlug = (s: string) => foldVietnamese(s).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** The unit head's export, built from the same scoped use case as the page (so the same checks apply). */
export async function unitHeadWorkbook(user: CurrentUser, query: HeadQuery) {
  const d = unitHeadDashboard(user, query);
  const body = await writeWorkbook([
    {
      name: "Tổng hợp",
      columns: [{ header: "Mục", width: 28 }, { header: "Giá trị", width: 60 }],
      rows: [
        ["Đơn vị", d.unit.name],
        ["Cuộc thi", d.contest.title],
        ["Tính theo", d.period.label],
        ["Đã tham gia", d.unit.participants],
        ["Tổng số", d.unit.denominator],
        ["Tỷ lệ", d.unit.rate === null ? null : { value: d.unit.rate, format: "percent" }],
        ["Cách tính", d.unit.basis === "roster" ? "Danh sách cán bộ" : "Biên chế"],
        ["Còn lại (ngày)", d.period.daysLeft],
        ["Xuất lúc", { value: excelVietnamTime(Date.now()), format: "dateTime" }],
      ],
    },
    {
      name: "Đơn vị trực thuộc",
      columns: [{ header: "Đơn vị", width: 40 }, { header: "Đã tham gia", format: "integer" }, { header: "Tổng số", format: "integer" }, { header: "Tỷ lệ", format: "percent" }],
      rows: d.children.map((c) => [c.name, c.participants, c.denominator, c.rate]),
    },
    {
      name: "Chưa tham gia",
      columns: [{ header: "Họ và tên", width: 30 }, { header: "Chức vụ", width: 30 }, { header: "Đơn vị", width: 36 }, { header: "Tài khoản" }],
      rows: d.notYet.map((p) => [p.fullName, p.position, p.unitName, p.registered ? "Đã đăng ký" : "Chưa đăng ký"]),
    },
  ]);
  return { body, filename: `ty-le-tham-gia-${fileSlug(d.unit.name)}.xlsx`, rows: d.notYet.length, unitId: d.unit.unitId, contestId: d.contest.id };
}

/** The organizer's export: every unit by rate, the units below 100%, and the collective ranking. */
export async function organizerWorkbook(user: CurrentUser, query: { contestId: number | null; roundId: number | null }) {
  const d = organizerOverview(user, query);
  const row = (u: (typeof d.units)[number]) => [u.code, u.name, u.participants, u.denominator, u.rate, u.basis === "roster" ? "Danh sách" : "Biên chế"];
  const cols: SheetSpec["columns"] = [
    { header: "Mã" },
    { header: "Đơn vị", width: 40 },
    { header: "Đã tham gia", format: "integer" },
    { header: "Tổng số", format: "integer" },
    { header: "Tỷ lệ", format: "percent" },
    { header: "Cách tính" },
  ];
  const body = await writeWorkbook([
    { name: "Tất cả đơn vị", columns: cols, rows: d.units.map(row) },
    { name: "Chưa đạt 100%", columns: cols, rows: d.belowFull.map(row) },
    {
      name: "Xếp hạng tập thể",
      columns: [
        { header: "Hạng" },
        { header: "Đơn vị", width: 40 },
        { header: "Tỷ lệ", format: "percent" },
        { header: "Điểm trung bình", format: "decimal" },
        { header: "Tỷ lệ tối thiểu", format: "percent" },
      ],
      rows: d.ranking.map((r) => [r.rank, r.name, r.rate, r.avgScore === null ? null : Math.round(r.avgScore * 100) / 100, r.required]),
    },
  ]);
  return { body, filename: `ty-le-tham-gia-${fileSlug(d.contest.title)}.xlsx` };
}
