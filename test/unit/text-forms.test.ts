import { describe, expect, it } from "vitest";
import { normalizePhone, registerSchema, safeRedirect } from "../../app/account/auth.schemas";
import { parseQuestionFile } from "../../app/core/organizer/question-file";
import { foldVietnamese } from "../../app/core/text";

describe("folding Vietnamese for search", () => {
  it("drops diacritics and maps đ", () => {
    expect(foldVietnamese("Xã Bình Định Bắc")).toBe("xa binh dinh bac");
    expect(foldVietnamese("  Cải   cách  ĐIỆN tử ")).toBe("cai cach dien tu");
  });
  it("folds decomposed and composed input alike", () => {
    expect(foldVietnamese("Bình".normalize("NFD"))).toBe(foldVietnamese("Bình".normalize("NFC")));
  });
});

describe("registration input", () => {
  const good = {
    fullName: "Nguyễn Văn A",
    birthDate: "1990-05-01",
    phone: "+84 912 345 678",
    unitId: "3",
    position: "Chuyên viên",
    password: "matkhau123",
    consent: "on",
  };
  it("accepts a complete form and stores the phone as 0xxxxxxxxx", () => {
    const r = registerSchema.safeParse(good);
    expect(r.success && r.data.phone).toBe("0912345678");
  });
  it("refuses a CCCD that is not 12 digits, in Vietnamese", () => {
    const r = registerSchema.safeParse({ ...good, cccd: "12345678901" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("Số CCCD gồm đúng 12 chữ số.");
  });
  it("refuses a registration without consent to personal-data processing", () => {
    const r = registerSchema.safeParse({ ...good, consent: undefined });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Nghị định|dữ liệu cá nhân/);
  });
  it("normalizes phone formats", () => {
    expect(normalizePhone("0912.345.678")).toBe("0912345678");
    expect(normalizePhone("84912345678")).toBe("0912345678");
  });
  it("only redirects within the site after login", () => {
    expect(safeRedirect("/vong-thi/1")).toBe("/vong-thi/1");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
  });
});

describe("the question file format", () => {
  const file = `
category: "Thử"
slug: "thu"
questions:
  - id: "t-1"
    stem: "Câu hỏi?"
    options: ["A1", "B1", "C1", "Cả ba phương án trên"]
    answer: "D"
    pin_options: true
    explanation: "Vì."
    legal_basis: "Nghị quyết 76/NQ-CP"
    as_of: "2026-11-01"
    difficulty: "de"
`;
  it("reads a valid file", () => {
    const r = parseQuestionFile(file);
    expect(r.ok && r.file.questions[0].pin_options).toBe(true);
  });
  it("names the field of an error", () => {
    const r = parseQuestionFile(file.replace('answer: "D"', 'answer: "F"'), "x.yaml");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/x\.yaml: questions\.0\.answer/);
  });
});

describe("exports to spreadsheets", () => {
  it("keep text that looks like a formula as text", async () => {
    const { neutralizeFormula } = await import("../../app/core/spreadsheet");
    expect(neutralizeFormula("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutralizeFormula("+84912")).toBe("'+84912");
    expect(neutralizeFormula("-1")).toBe("'-1");
    expect(neutralizeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralizeFormula("Nguyễn Văn A")).toBe("Nguyễn Văn A");
    expect(neutralizeFormula(-1)).toBe(-1);
  });
});

describe("reading uploaded text files", () => {
  it("takes UTF-8 with or without a byte-order mark, and UTF-16 with one", async () => {
    const { decodeTextFile } = await import("../../app/core/spreadsheet");
    const utf8 = new TextEncoder().encode("Câu hỏi,Phương án A");
    expect(decodeTextFile(utf8)).toEqual({ ok: true, text: "Câu hỏi,Phương án A" });
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text: "Câu hỏi,Phương án A" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("Cải cách", "utf16le")]);
    expect(decodeTextFile(utf16)).toEqual({ ok: true, text: "Cải cách" });
  });
  it("refuses a file in a legacy Vietnamese encoding with a Vietnamese message", async () => {
    const { decodeTextFile } = await import("../../app/core/spreadsheet");
    // "Cải cách" in Windows-1258 bytes: not valid UTF-8.
    const r = decodeTextFile(new Uint8Array([0x43, 0xe3, 0x69, 0x20, 0x63, 0xe1, 0x63, 0x68]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/UTF-8/);
  });
  it("drops again the apostrophe an export put before a formula-looking text", async () => {
    const { restoreNeutralized, neutralizeFormula } = await import("../../app/core/spreadsheet");
    expect(restoreNeutralized(String(neutralizeFormula("=1+1")))).toBe("=1+1");
    expect(restoreNeutralized("'bình thường")).toBe("'bình thường");
  });
});
