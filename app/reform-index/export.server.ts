import ExcelJS from "exceljs";
import { neutralizeFormula } from "../core/spreadsheet";
import { ranking } from "./index.server";

/** The published ranking as a workbook: one sheet per group, numbers as number cells (they sort and sum). */
export async function indexRankingWorkbook(year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cuocthi";
  for (const g of ranking(year)) {
    const ws = wb.addWorksheet(g.group.replace(/[\\/?*[\]:]/g, "-").slice(0, 31));
    ws.columns = [
      { header: "Hạng", width: 8 },
      { header: "Mã đơn vị", width: 12 },
      { header: "Đơn vị", width: 36 },
      { header: "Chỉ số CCHC (%)", width: 16 },
      { header: "Xếp loại", width: 12 },
      { header: "Xếp loại theo điểm", width: 18 },
      { header: "Lý do giới hạn xếp loại", width: 50 },
      { header: `Chỉ số năm ${year - 1} (%)`, width: 16 },
      { header: "Tăng/giảm (điểm %)", width: 16 },
      { header: "Nguồn", width: 14 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of g.rows) {
      const row = ws.addRow([
        r.rank,
        neutralizeFormula(r.unitCode),
        neutralizeFormula(r.unitName),
        r.index,
        r.band,
        r.bandByPoints,
        r.cappedReason ?? "",
        r.previous,
        r.change,
        r.source === "platform" ? "Thẩm định" : "Nhập từ tệp",
      ]);
      row.getCell(4).numFmt = "0.00";
      row.getCell(8).numFmt = "0.00";
      row.getCell(9).numFmt = "+0.00;-0.00;0";
    }
  }
  if (!wb.worksheets.length) wb.addWorksheet("Trống");
  return Buffer.from(await wb.xlsx.writeBuffer());
}
