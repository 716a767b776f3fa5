import ExcelJS from "exceljs";
import { TABLE_COLUMNS } from "../core/organizer/import";

/** The question import template: the columns, one example row, and a sheet that explains each column. */
export async function questionTemplate(): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Câu hỏi");
  sheet.columns = TABLE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === "stem" ? 60 : 22 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({
    externalId: "",
    category: "Thủ tục hành chính",
    stem: "Bộ phận Một cửa cấp xã do cơ quan nào thành lập?",
    A: "Ủy ban nhân dân cấp xã",
    B: "Hội đồng nhân dân cấp xã",
    C: "Ủy ban nhân dân cấp tỉnh",
    D: "",
    E: "",
    F: "",
    answer: "A",
    difficulty: "Dễ",
    legalBasis: "Nghị định 118/2025/NĐ-CP",
    asOf: "01/07/2025",
    explanation: "",
    pinOptions: "",
  });
  const help = workbook.addWorksheet("Hướng dẫn");
  help.columns = [
    { header: "Cột", key: "header", width: 24 },
    { header: "Cách ghi", key: "hint", width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of TABLE_COLUMNS) help.addRow({ header: c.header, hint: c.hint || "Bắt buộc" });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer).slice().buffer;
}
