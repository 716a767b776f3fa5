import { describe, expect, it } from "vitest";
import { checkEvidence, sniffEvidence } from "../../app/core/emulation/evidence";
import { daysUntil, deadlineKind, deadlineNotice, isDue } from "../../app/core/emulation/notices";

describe("deadline reminders (pure rules)", () => {
  it("reads what a deadline asks from its label when the movement did not say", () => {
    expect(deadlineKind("Đăng ký mô hình, giải pháp, sáng kiến", null)).toBe("registration");
    expect(deadlineKind("Kê khai số liệu và gửi minh chứng", null)).toBe("evidence");
    expect(deadlineKind("Gửi hồ sơ đề nghị khen thưởng hằng năm về Phòng Nội vụ", null)).toBe("dossier");
    expect(deadlineKind("Phần thi trắc nghiệm kết thúc", null)).toBe("other");
    expect(deadlineKind("Hội đồng gửi hồ sơ đề nghị về thành phố", "other")).toBe("other");
  });

  it("counts days in Vietnam time: 00:30 on 15/12 in Hà Nội is the day itself, though it is still 14/12 in UTC", () => {
    expect(daysUntil("2026-12-15", Date.parse("2026-12-14T17:30:00Z"))).toBe(0);
    expect(daysUntil("2026-12-15", Date.parse("2026-12-14T16:30:00Z"))).toBe(1);
    expect(isDue("2026-12-15", Date.parse("2026-12-12T00:00:00Z"))).toBe(true);
    expect(isDue("2026-12-15", Date.parse("2026-12-11T16:59:00Z"))).toBe(false);
    expect(isDue("2026-12-15", Date.parse("2026-12-15T17:00:00Z"))).toBe(false);
  });

  it("words the notice for the day itself and for the days before", () => {
    const base = { movementTitle: "Phong trào X", label: "Đăng ký thi đua", date: "2026-12-15", kind: "registration" as const, units: ["Phòng A", "Phòng B"] };
    expect(deadlineNotice({ ...base, now: Date.parse("2026-12-15T01:00:00Z") }).title).toBe("Hôm nay là hạn: Đăng ký thi đua");
    expect(deadlineNotice({ ...base, now: Date.parse("2026-12-13T01:00:00Z") })).toEqual({
      title: "Còn 2 ngày đến hạn 15/12/2026: Đăng ký thi đua",
      body: "Phong trào X. Đơn vị chưa gửi bản đăng ký thi đua: Phòng A; Phòng B.",
    });
  });
});

describe("evidence files, recognised by content", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF");
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xdb]);
  it("takes PDF, .docx, JPEG and PNG only when the name and the bytes agree", () => {
    expect(sniffEvidence(pdf, "a.pdf")).toBe("pdf");
    expect(sniffEvidence(png, "a.png")).toBe("png");
    expect(sniffEvidence(jpeg, "a.jpeg")).toBe("jpeg");
    expect(sniffEvidence(png, "a.pdf")).toBeNull();
    expect(sniffEvidence(pdf, "a.png")).toBeNull();
    expect(sniffEvidence(new TextEncoder().encode("<html>"), "a.docx")).toBeNull();
  });
  it("refuses empty and oversized files with a Vietnamese message", () => {
    expect(checkEvidence(new Uint8Array(), "a.pdf")).toEqual({ ok: false, message: "Tệp minh chứng rỗng." });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(pdf);
    expect(checkEvidence(big, "a.pdf", 1024 * 1024)).toEqual({ ok: false, message: "Tệp minh chứng quá lớn: tối đa 1 MB." });
    expect(checkEvidence(big.slice(0, 1024 * 1024), "a.pdf", 1024 * 1024)).toEqual({ ok: true, kind: "pdf" });
  });
});
