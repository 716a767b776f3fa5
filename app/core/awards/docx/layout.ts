import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * The Vietnamese administrative layout (thể thức văn bản hành chính): Quốc hiệu and tiêu ngữ top right,
 * the issuing body top left in capitals with its số/ký hiệu, place and date in italics, the document's
 * kind and title centred in bold, the body justified, the signer block on the right, nơi nhận on the left.
 * A4, Times New Roman 13–14 pt, margins 20/15/20/30 mm.
 */

const MM = 56.7; // twips per millimetre
const FONT = "Times New Roman";
const pt = (n: number) => n * 2;

import { MOTTO, NATIONAL_TITLE, placeDate } from "../admin-text";

type RunOpts = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };
export const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined, size: o.size ? pt(o.size) : undefined, font: FONT });

export function para(text: string | TextRun[], o: RunOpts & { align?: "left" | "center" | "right" | "justify"; before?: number; after?: number; indent?: boolean } = {}) {
  const alignment = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED }[o.align ?? "justify"];
  return new Paragraph({
    alignment,
    spacing: { before: (o.before ?? 0) * 20, after: (o.after ?? 6) * 20, line: 300 },
    indent: o.indent ? { firstLine: Math.round(12.7 * MM) } : undefined,
    children: typeof text === "string" ? [run(text, o)] : text,
  });
}

const noBorders = TableBorders.NONE;

function cell(children: Paragraph[], widthPct: number, bordered = false) {
  return new TableCell({
    children,
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.TOP,
    borders: bordered
      ? undefined
      : { top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" }, right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } },
  });
}

export type Header = {
  /** The body above the issuer (cơ quan chủ quản), upper case, not bold; optional. */
  parent?: string | null;
  issuer: string;
  /** "Số: 12/QĐ-UBND"; a blank number is left for the office's register. */
  number: string;
  place: string;
  date: string | null;
};

export function header(h: Header): Table {
  const left = [
    ...(h.parent ? [para(h.parent.toLocaleUpperCase("vi"), { align: "center", size: 13, after: 0 })] : []),
    para(h.issuer.toLocaleUpperCase("vi"), { align: "center", bold: true, size: 13, after: 0 }),
    para("———", { align: "center", size: 10, after: 2 }),
    para(h.number, { align: "center", size: 13, after: 0 }),
  ];
  const right = [
    para(NATIONAL_TITLE, { align: "center", bold: true, size: 13, after: 0 }),
    para([run(MOTTO, { bold: true, underline: true, size: 14 })], { align: "center", after: 8 }),
    para(placeDate(h.place, h.date), { align: "center", italics: true, size: 14, after: 0 }),
  ];
  return new Table({ borders: noBorders, width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [cell(left, 40), cell(right, 60)] })] });
}

export function titleBlock(kind: string, title: string | null, subtitle?: string | null): Paragraph[] {
  return [
    para(kind, { align: "center", bold: true, size: 14, before: 18, after: 0 }),
    ...(title ? [para(title, { align: "center", bold: true, size: 14, after: subtitle ? 0 : 12 })] : []),
    ...(subtitle ? [para(subtitle, { align: "center", italics: true, size: 12, after: 12 })] : []),
  ];
}

export function addressee(to: string): Paragraph {
  return para([run("Kính gửi: ", { size: 14 }), run(to, { size: 14 })], { align: "center", after: 12 });
}

export type Signer = { on?: string | null; title: string; name: string };

/** Nơi nhận on the left (small), the signer on the right: "TM. ...", the post in bold, room to sign, the name. */
export function signature(s: Signer, recipients: string[] | null): Table {
  const right = [
    ...(s.on ? [para(s.on.toLocaleUpperCase("vi"), { align: "center", bold: true, size: 13, after: 0 })] : []),
    para(s.title.toLocaleUpperCase("vi"), { align: "center", bold: true, size: 13, after: 0 }),
    para("(Ký, ghi rõ họ tên, đóng dấu)", { align: "center", italics: true, size: 12, after: 60 }),
    para(s.name || " ", { align: "center", bold: true, size: 14 }),
  ];
  const left = recipients
    ? [para([run("Nơi nhận:", { bold: true, italics: true, size: 12 })], { align: "left", after: 0 }), ...recipients.map((r) => para(`- ${r}`, { align: "left", size: 11, after: 0 }))]
    : [para(" ", { align: "left" })];
  return new Table({ borders: noBorders, width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [cell(left, 45), cell(right, 55)] })] });
}

/** Two signers side by side (a báo cáo thành tích: the level that certifies, and the head of the unit). */
export function twoSignatures(left: Signer, right: Signer): Table {
  const block = (s: Signer) => [
    ...(s.on ? [para(s.on.toLocaleUpperCase("vi"), { align: "center", bold: true, size: 13, after: 0 })] : []),
    para(s.title.toLocaleUpperCase("vi"), { align: "center", bold: true, size: 13, after: 0 }),
    para("(Ký, đóng dấu)", { align: "center", italics: true, size: 12, after: 60 }),
    para(s.name || " ", { align: "center", bold: true, size: 14 }),
  ];
  return new Table({ borders: noBorders, width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ children: [cell(block(left), 50), cell(block(right), 50)] })] });
}

/** A bordered list table with a bold header row. */
export function listTable(headers: string[], rows: string[][], widths: number[]): Table {
  const mk = (texts: string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: texts.map((t, i) => cell([para(t, { align: bold || i === 0 ? "center" : "left", bold, size: 12, after: 2 })], widths[i], true)) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [mk(headers, true), ...rows.map((r) => mk(r, false))] });
}

export type Section = { children: FileChild[]; landscape?: boolean };

export async function pack(sections: Section[]): Promise<Buffer> {
  const doc = new Document({
    creator: "cuocthi",
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: sections.map((s) => ({
      properties: {
        page: {
          size: s.landscape ? { width: 297 * MM, height: 210 * MM, orientation: PageOrientation.LANDSCAPE } : { width: 210 * MM, height: 297 * MM },
          margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
        },
      },
      children: s.children,
    })),
  });
  return Packer.toBuffer(doc);
}

/** Fills {{name}} placeholders; an unknown one stays visible so a wrong template shows itself. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
