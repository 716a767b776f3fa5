/** What a dossier accepts as an upload: PDF or Word, under the cap, recognised by content and not by name. */

export const UPLOAD_CAP_BYTES = 10 * 1024 * 1024;

export type UploadKind = "pdf" | "docx" | "doc";

export const MIME: Record<UploadKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
};

/** Sniffs the first bytes: %PDF, a zip holding word/ (docx), or the OLE header of an old .doc. */
export function sniffUpload(bytes: Uint8Array, name: string): UploadKind | null {
  const lower = name.toLowerCase();
  if (bytes.length >= 5 && String.fromCharCode(...bytes.slice(0, 5)) === "%PDF-") return lower.endsWith(".pdf") ? "pdf" : null;
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // A .docx is a zip whose entries include word/document.xml; the name must sit in the first entries' headers.
    const head = new TextDecoder("latin1").decode(bytes.slice(0, Math.min(bytes.length, 64 * 1024)));
    return lower.endsWith(".docx") && (head.includes("word/") || head.includes("[Content_Types].xml")) ? "docx" : null;
  }
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) return lower.endsWith(".doc") ? "doc" : null;
  return null;
}

export function checkUpload(bytes: Uint8Array, name: string, cap = UPLOAD_CAP_BYTES): { ok: true; kind: UploadKind } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "Tệp rỗng." };
  if (bytes.length > cap) return { ok: false, message: `Tệp quá lớn: tối đa ${Math.round(cap / 1024 / 1024)} MB.` };
  const kind = sniffUpload(bytes, name);
  if (!kind) return { ok: false, message: "Chỉ nhận tệp PDF hoặc Word (.pdf, .docx, .doc)." };
  return { ok: true, kind };
}

/** A document registered with a decision is frozen: it may only be superseded, with a reason. */
export function checkReplace(doc: { registeredDecisionId: number | null }, reason: string | null): { ok: true; supersede: boolean } | { ok: false; message: string } {
  if (doc.registeredDecisionId === null) return { ok: true, supersede: false };
  if ((reason ?? "").trim().length < 5) return { ok: false, message: "Tài liệu đã đăng ký với quyết định, không thể thay; chỉ được thay thế bằng bản mới kèm lý do (ít nhất 5 ký tự)." };
  return { ok: true, supersede: true };
}
