import { sniffUpload } from "../awards/uploads";

/**
 * What a unit may attach as evidence of a declared criterion: PDF, Word (.docx), JPEG or PNG, recognised by
 * the file's first bytes and not only its name, and no larger than the cap (under the server's 20 MB limit
 * on a whole request).
 */

export const EVIDENCE_CAP_BYTES = 10 * 1024 * 1024;

export type EvidenceKind = "pdf" | "docx" | "jpeg" | "png";

export const EVIDENCE_MIME: Record<EvidenceKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  jpeg: "image/jpeg",
  png: "image/png",
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffEvidence(bytes: Uint8Array, name: string): EvidenceKind | null {
  const lower = name.toLowerCase();
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return /\.(jpe?g)$/.test(lower) ? "jpeg" : null;
  if (bytes.length >= 8 && PNG.every((b, i) => bytes[i] === b)) return lower.endsWith(".png") ? "png" : null;
  // PDF and .docx share the dossier's check; an old binary .doc is not taken here.
  const k = sniffUpload(bytes, name);
  return k === "pdf" || k === "docx" ? k : null;
}

export function checkEvidence(bytes: Uint8Array, name: string, cap = EVIDENCE_CAP_BYTES): { ok: true; kind: EvidenceKind } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "Tệp minh chứng rỗng." };
  if (bytes.length > cap) return { ok: false, message: `Tệp minh chứng quá lớn: tối đa ${Math.round(cap / 1024 / 1024)} MB.` };
  const kind = sniffEvidence(bytes, name);
  if (!kind) return { ok: false, message: "Chỉ nhận tệp PDF, Word (.docx) hoặc ảnh JPG, PNG; nội dung tệp phải đúng loại với tên tệp." };
  return { ok: true, kind };
}
