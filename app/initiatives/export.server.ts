import ExcelJS from "exceljs";
import { EXCEL_FORMAT, neutralizeFormula } from "../core/spreadsheet";
import { themeName } from "../core/initiatives/initiatives";

type Row = {
  rank: number | null;
  prize: string | null;
  title: string;
  unitName: string;
  authors: string[];
  ownerName: string;
  theme: string;
  judges: number;
  jury: number | null;
  votes: number;
  publicScore: number;
  final: number | null;
};

/** The ranking as an Excel workbook (a few hundred rows at most: built in the request). */
export async function rankingWorkbook(roundTitle: string, rows: Row[], settings: { voteWeight: number; zScore: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "cuocthi";
  const ws = wb.addWorksheet("Xếp hạng");
  ws.addRow([roundTitle]).font = { bold: true, size: 13 };
  ws.addRow([`Điểm cuối = ${100 - settings.voteWeight}% giám khảo + ${settings.voteWeight}% bình chọn${settings.zScore ? "; điểm giám khảo chuẩn hóa z-score" : ""}`]);
  ws.addRow([]);
  const header = ws.addRow(["Hạng", "Giải", "Tên sáng kiến", "Đơn vị", "Tác giả", "Người gửi", "Chủ đề", "Số giám khảo đã chấm", "Điểm giám khảo", "Lượt bình chọn", "Điểm bình chọn", "Điểm cuối"]);
  header.font = { bold: true };
  for (const r of rows) {
    ws.addRow(
      [r.rank, r.prize ?? "", r.title, r.unitName, r.authors.join(", "), r.ownerName, themeName(r.theme), r.judges, r.jury, r.votes, r.publicScore, r.final].map(
        neutralizeFormula,
      ),
    );
  }
  [8, 14, 50, 30, 30, 24, 40, 12, 12, 12, 12, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Scores stay numbers (empty where there is none yet) so the columns sort and sum.
  for (const col of [9, 11, 12]) ws.getColumn(col).numFmt = EXCEL_FORMAT.decimal;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
