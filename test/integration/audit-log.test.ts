import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { desc } from "drizzle-orm";
import { AUDIT_ACTION_TEXT, auditActionText } from "../../app/core/organizer/audit-text";
import { auditPage, auditWorkbook } from "../../app/organizer/organizer.server";
import type { CurrentUser } from "../../app/account/session.server";
import { logAudit } from "../../db/audit";
import { auditLog } from "../../db/schema";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("audit-log");
const { db } = env;
const fx = seedQuizFixture(db, { people: 2, bankSize: 1 });
const organizer: CurrentUser = { id: fx.people[0].id, fullName: fx.people[0].fullName, phone: fx.people[0].phone, unitId: fx.unit.id, unitName: fx.unit.name, position: null, roles: [{ role: "organizer", unitId: fx.unit.id }] };
const vn = (y: number, m: number, d: number, h = 9) => Date.UTC(y, m - 1, d, h - 7);

// 60 edits by the organizer on 02/03/2026, one export by the other person on 03/03/2026 23:30, one job on 05/03/2026.
for (let i = 0; i < 60; i++) logAudit(db, { userId: organizer.id, action: "round.update", entity: "round", entityId: fx.round.id, detail: { title: `Vòng ${i}` } }, vn(2026, 3, 2) + i);
logAudit(db, { userId: fx.people[1].id, action: "export_personal_data", entity: "export", entityId: "quiz_ranking", detail: { what: "quiz_ranking", rows: 12, roundId: fx.round.id } }, vn(2026, 3, 3, 23) + 30 * 60_000);
logAudit(db, { userId: null, action: "round.settle_figure", entity: "round", entityId: fx.round.id, detail: { actual: 1234, automatic: true } }, vn(2026, 3, 5));
logAudit(db, { userId: organizer.id, action: "import", entity: "roster", entityId: fx.unit.id, detail: { added: 3 } }, vn(2026, 3, 6));

const params = (o: Record<string, string>) => new URLSearchParams(o);

describe("the audit log", () => {
  it("has a Vietnamese label for every action code the code writes", () => {
    const codes = new Set<string>();
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f.name)) {
          const text = fs.readFileSync(p, "utf8");
          for (const m of text.matchAll(/action: "([a-z_.]+)",\s*entity: "([a-z_]+)"/g)) codes.add(`${m[1]}|${m[2]}`);
          for (const m of text.matchAll(/audit\(user, "([a-z_.]+)", "([a-z_]+)"/g)) codes.add(`${m[1]}|${m[2]}`);
        }
      }
    };
    walk("app");
    walk("workers");
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((c) => auditActionText(...(c.split("|") as [string, string])).startsWith("Thao tác khác"));
    expect(missing).toEqual([]);
    for (const m of ["accept", "reject", "request_changes", "publish", "unpublish"]) expect(AUDIT_ACTION_TEXT[`initiative.${m}`]).toBeTruthy();
  });

  it("shows labels and readable details, never the raw code or JSON", () => {
    const page = auditPage(organizer, params({}));
    expect(page.total).toBe(63);
    expect(page.pages).toBe(2);
    const exportRow = page.rows.find((r) => r.code === "export_personal_data")!;
    expect(exportRow.what).toBe("Xuất dữ liệu cá nhân");
    expect(exportRow.object).toBe("Tệp xuất: xếp hạng vòng thi");
    expect(exportRow.detail).toContainEqual({ label: "Số dòng", value: "12" });
    expect(page.rows.find((r) => r.code === "round.settle_figure")!.detail).toContainEqual({ label: "Con số thực tế", value: "1.234" });
    expect(page.rows.find((r) => r.code === "import")!.what).toBe("Nhập danh sách cán bộ");
    expect(JSON.stringify(page.rows.map((r) => r.detail))).not.toContain("{\\\"");
  });

  it("filters by who, what and a dd/mm/yyyy range that includes the whole last day in Vietnam time", () => {
    expect(auditPage(organizer, params({ ai: String(fx.people[1].id) })).total).toBe(1);
    expect(auditPage(organizer, params({ ai: "he-thong" })).rows.map((r) => r.code)).toEqual(["round.settle_figure"]);
    expect(auditPage(organizer, params({ "thao-tac": "round.update" })).total).toBe(60);
    expect(auditPage(organizer, params({ "thao-tac": "roster:import" })).total).toBe(1);
    expect(auditPage(organizer, params({ tu: "03/03/2026", den: "03/03/2026" })).rows.map((r) => r.code)).toEqual(["export_personal_data"]);
    expect(auditPage(organizer, params({ tu: "04/03/2026" })).total).toBe(2);
    const second = auditPage(organizer, params({ "thao-tac": "round.update", trang: "2" }));
    expect(second.rows).toHaveLength(10);
    expect(second.page).toBe(2);
  });

  it("names a bad date and leaves that filter out", () => {
    const page = auditPage(organizer, params({ tu: "31/02/2026" }));
    expect(page.errors.join(" ")).toContain("không phải ngày có thật");
    expect(page.total).toBe(63);
    expect(auditPage(organizer, params({ tu: "2026-03-01" })).errors[0]).toContain("dd/mm/yyyy");
  });

  it("exports the filtered log to Excel with date cells, and logs that export with its row count", async () => {
    const { body, rows } = await auditWorkbook(organizer, params({ tu: "02/03/2026", den: "03/03/2026" }));
    expect(rows).toBe(61);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(62);
    expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.Date);
    expect((ws.getCell("A2").value as Date).toISOString()).toBe("2026-03-03T23:30:00.000Z");
    expect(ws.getCell("C2").value).toBe("Xuất dữ liệu cá nhân");
    const last = db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
    expect(last.action).toBe("export_personal_data");
    expect(last.detail).toMatchObject({ what: "audit_log", rows: 61 });
    await expect(auditWorkbook(organizer, params({ den: "32/01/2026" }))).rejects.toMatchObject({ status: 400 });
  });
});
