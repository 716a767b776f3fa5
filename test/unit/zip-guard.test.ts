import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { declaredZipSizes, xlsxRefusal } from "../../app/core/zip-guard";

describe("opening an uploaded .xlsx", () => {
  it("reads the sizes a real workbook declares and lets it through", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Đơn vị").addRows([["Mã", "Tên"], ["20794", "Xã Bình Dương"]]);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const sizes = declaredZipSizes(buf);
    expect(sizes?.entries).toBeGreaterThan(3);
    expect(xlsxRefusal(buf)).toBeNull();
  });

  it("refuses a zip bomb (a small file that inflates to hundreds of megabytes) without inflating it", async () => {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(150 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(xlsxRefusal(bomb)).toMatch(/quá lớn khi giải nén/);
  });

  it("refuses a truncated or foreign file with a Vietnamese message", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").addRow(["x"]);
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(xlsxRefusal(buf.slice(0, buf.length / 2))).toMatch(/không phải tệp Excel/);
    expect(xlsxRefusal(new TextEncoder().encode("họ tên,điện thoại\nA,0912"))).toMatch(/không phải tệp Excel/);
  });
});
