import ExcelJS from "exceljs";
import { neutralizeFormula } from "../core/spreadsheet";
import { requestStateText, scopeText } from "../core/initiative-register/rules";
import type { UnitYearFigures } from "../core/initiative-register/rules";

type Row = {
  id: number; title: string; field: string; state: keyof typeof requestStateText; year: number; unitName: string; decidedScope: keyof typeof scopeText | null;
  /** The scope as applications in several units widen it (what the pages and figures show); null unless recognised. */
  scope: keyof typeof scopeText | null;
  decisionNumber: string | null; decisionDate: string | null; meanScore: number | null; appliedUnits: number; submittedAt: number | null;
};

const text = (s: string | null) => (s === null ? null : neutralizeFormula(s));
const isoToDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
// A moment shown as its Vietnamese calendar day: Excel dates carry no zone.
const msToDate = (ms: number | null) => (ms === null ? null : new Date(ms + 7 * 3_600_000));

/** The register and the per-unit statistics as a workbook: numbers as numbers, dates as date cells. */
export async function registerWorkbook(rows: Row[], stats: (UnitYearFigures & { unitName: string })[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cuocthi";
  const ws = wb.addWorksheet("Sổ sáng kiến");
  ws.columns = [
    { header: "Mã", width: 6 },
    { header: "Tên sáng kiến", width: 50 },
    { header: "Lĩnh vực", width: 24 },
    { header: "Đơn vị", width: 28 },
    { header: "Năm", width: 7 },
    { header: "Trạng thái", width: 18 },
    { header: "Ngày nộp", width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: "Điểm trung bình", width: 10, style: { numFmt: "0.00" } },
    { header: "Số quyết định", width: 16 },
    { header: "Ngày quyết định", width: 12, style: { numFmt: "dd/mm/yyyy" } },
    { header: "Phạm vi theo quyết định", width: 16 },
    { header: "Phạm vi theo áp dụng", width: 16 },
    { header: "Số đơn vị áp dụng", width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow([r.id, text(r.title), text(r.field), text(r.unitName), r.year, requestStateText[r.state], msToDate(r.submittedAt), r.meanScore, text(r.decisionNumber), isoToDate(r.decisionDate), r.decidedScope ? scopeText[r.decidedScope] : null, r.scope ? scopeText[r.scope] : null, r.appliedUnits]);
  const st = wb.addWorksheet("Thống kê theo đơn vị");
  st.columns = [
    { header: "Đơn vị", width: 30 },
    { header: "Năm", width: 7 },
    { header: "Đăng ký", width: 10 },
    { header: "Được công nhận", width: 12 },
    { header: "Được áp dụng", width: 12 },
    { header: "Tỷ lệ áp dụng", width: 12, style: { numFmt: "0.0%" } },
    { header: "Cơ sở", width: 8 },
    { header: "Cấp huyện/sở", width: 10 },
    { header: "Cấp tỉnh", width: 8 },
  ];
  st.getRow(1).font = { bold: true };
  for (const s of stats) st.addRow([text(s.unitName), s.year, s.registered, s.recognised, s.applied, s.shareApplied, s.byScope.co_so, s.byScope.cap_huyen, s.byScope.cap_tinh]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
