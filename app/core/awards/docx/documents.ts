import type { FileChild } from "docx";
import type { Template } from "../templates";
import { addressee, fill, header, listTable, pack, para, run, signature, titleBlock, twoSignatures } from "./layout";

/**
 * The four generated documents. Plain data in, a .docx Buffer out; the wording comes from a template. Pure (no
 * files, no database): the web serves one at a time, the awards worker packs hundreds into a zip.
 */

/**
 * The figures a Báo cáo thành tích is filled with (db/awards/figures.ts reads them): the unit's headcount and
 * women, its contest participation and results, its reform index and rank, its recognised initiatives, its
 * past titles and awards.
 */
export type Figures = {
  unit: { id: number; name: string; headcount: number; womenShare: number | null; parentName: string | null };
  contests: { title: string; participants: number; denominator: number; averageScore: number | null; personBest: number | null }[];
  index: { year: number; index: number; band: string; rank: number; groupSize: number }[];
  initiatives: { year: number; title: string; scope: "co_so" | "tinh" | "toan_quoc"; council: string | null }[];
  history: { year: number; title: string; decision: string | null; date: string | null; issuer: string | null }[];
};

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
const pf = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 });
const SCOPE = { co_so: "cơ sở", tinh: "cấp tỉnh", toan_quoc: "toàn quốc" } as const;

export type Issuer = { parent: string | null; name: string; place: string };
export type ListRow = { name: string; position: string | null; unit: string; achievement: string };

function bodyWithTable(lines: string[], values: Record<string, string | number>, table: () => FileChild): FileChild[] {
  return lines.map((l) => (l.trim() === "[[danh_sach]]" ? table() : para(fill(l, values), { indent: true })));
}

export async function toTrinh(t: Template<"to-trinh">, d: { issuer: Issuer; values: Record<string, string | number>; rows: ListRow[]; signer: { title: string; name: string }; levelName: string }) {
  const v = { ...d.values, count: d.rows.length };
  return pack([
    {
      children: [
        header({ parent: d.issuer.parent, issuer: d.issuer.name, number: "Số:        /TTr-", place: d.issuer.place, date: null }),
        ...titleBlock(t.kind, fill(t.title, v)),
        addressee(fill(t.addressee, v)),
        ...bodyWithTable(t.body, v, () =>
          listTable(["STT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích"], d.rows.map((r, i) => [String(i + 1), r.name, [r.position, r.unit].filter(Boolean).join(", "), r.achievement]), [8, 30, 30, 32]),
        ),
        signature({ on: null, title: d.signer.title, name: d.signer.name }, t.recipients.map((r) => (r === "Như trên;" ? r : r)).concat([])),
      ],
    },
  ]);
}

export type MinutesRow = { name: string; scheme: string; appraisal: string; yes: number; no: number; result: string; note: string | null };

export async function bienBan(t: Template<"bien-ban">, d: { issuer: Issuer; councilName: string; date: string; values: Record<string, string | number>; rows: MinutesRow[]; chair: string; secretary: string }) {
  const v = { ...d.values, council: d.councilName, chair: d.chair || "…", secretary: d.secretary || "…" };
  return pack([
    {
      children: [
        header({ parent: d.issuer.name, issuer: d.councilName, number: "Số:        /BB-HĐTĐKT", place: d.issuer.place, date: d.date }),
        ...titleBlock(t.kind, fill(t.title, v)),
        ...bodyWithTable(t.body, v, () =>
          listTable(
            ["STT", "Tập thể, cá nhân", "Hình thức", "Thẩm định", "Đồng ý", "Không đồng ý", "Kết quả"],
            d.rows.map((r, i) => [String(i + 1), r.name, r.scheme, r.appraisal, String(r.yes), String(r.no), r.note ? `${r.result} ${r.note}` : r.result]),
            [6, 22, 18, 12, 9, 10, 23],
          ),
        ),
        twoSignatures({ title: "Thư ký", name: d.secretary }, { title: "Chủ tịch Hội đồng", name: d.chair }),
      ],
    },
  ]);
}

export type ReportSubject = {
  target: "collective" | "individual";
  name: string;
  position: string | null;
  gender: "nam" | "nu" | null;
  form: string;
  movement: string;
  year: number;
  proposerParent: string | null;
  proposer: string;
  place: string;
  achievement: string;
};

/** Sentences of part II, from the figures: contests, the reform index and rank, recognised initiatives. */
export function achievementLines(s: ReportSubject, f: Figures): string[] {
  const out: string[] = [];
  for (const c of f.contests) {
    const rate = c.denominator > 0 ? pf.format(c.participants / c.denominator) : "—";
    out.push(
      `Tham gia ${c.title}: ${nf.format(c.participants)}/${nf.format(c.denominator)} người, tỷ lệ tham gia ${rate}` +
        (c.averageScore !== null ? `; điểm bình quân ${nf.format(c.averageScore)}` : "") +
        (s.target === "individual" && c.personBest !== null ? `; điểm cao nhất của cá nhân ${nf.format(c.personBest)}` : "") +
        ".",
    );
  }
  for (const r of f.index) {
    out.push(`Chỉ số cải cách hành chính năm ${r.year} của ${f.unit.name}: ${nf.format(r.index)} điểm, xếp loại "${r.band}", xếp hạng ${r.rank}/${r.groupSize}.`);
  }
  if (f.initiatives.length) {
    out.push(`Có ${f.initiatives.length} sáng kiến được công nhận năm ${s.year}: ${f.initiatives.map((i) => `"${i.title}" (phạm vi ${SCOPE[i.scope]}${i.council ? `, ${i.council}` : ""})`).join("; ")}.`);
  } else {
    out.push(`Chưa có sáng kiến được công nhận năm ${s.year} trên hệ thống.`);
  }
  if (s.achievement) out.push(s.achievement);
  return out;
}

export async function baoCaoThanhTich(t: Template<"bao-cao-thanh-tich">, s: ReportSubject, f: Figures) {
  const who = s.target === "collective" ? "tập thể" : "cá nhân";
  const v = { form: s.form, who, name: s.name, movement: s.movement, year: s.year };
  const part1 =
    s.target === "collective"
      ? [
          `${f.unit.name}${f.unit.parentName ? ` (trực thuộc ${f.unit.parentName})` : ""}.`,
          `Tổng số cán bộ, công chức, viên chức, người lao động: ${nf.format(f.unit.headcount)} người; trong đó nữ: ${f.unit.womenShare === null ? "chưa cập nhật" : `${nf.format(Math.round(f.unit.womenShare * f.unit.headcount))} người (${pf.format(f.unit.womenShare)})`}.`,
          "Chức năng, nhiệm vụ: theo quy định của cơ quan có thẩm quyền.",
        ]
      : [
          `Họ và tên: ${s.name}. Giới tính: ${s.gender === "nu" ? "Nữ" : s.gender === "nam" ? "Nam" : "—"}.`,
          `Chức vụ, đơn vị công tác: ${[s.position, f.unit.name].filter(Boolean).join(", ")}.`,
          `Đơn vị có ${nf.format(f.unit.headcount)} người; nữ ${f.unit.womenShare === null ? "chưa cập nhật" : pf.format(f.unit.womenShare)}.`,
        ];
  const history = f.history.length
    ? listTable(["Năm", "Hình thức khen thưởng", "Số, ngày quyết định", "Cơ quan ban hành"], f.history.map((h) => [String(h.year), h.title, [h.decision, h.date ? h.date.split("-").reverse().join("/") : null].filter(Boolean).join(", ") || "—", h.issuer ?? "—"]), [12, 40, 26, 22])
    : para(t.none3, { indent: true });
  return pack([
    {
      children: [
        header({ parent: s.proposerParent, issuer: s.proposer, number: " ", place: s.place, date: null }),
        ...titleBlock(t.kind, fill(t.title, v), t.subtitle),
        para([run(fill(t.nameLine, v), { bold: true })], { align: "left", after: 8 }),
        para(t.part1, { bold: true, align: "left", before: 6 }),
        ...part1.map((l) => para(l, { indent: true })),
        para(t.part2, { bold: true, align: "left", before: 6 }),
        para(fill(t.part2Intro, v), { indent: true }),
        ...achievementLines(s, f).map((l) => para(`- ${l}`, { indent: true })),
        para(t.part3, { bold: true, align: "left", before: 6 }),
        history,
        para(" "),
        twoSignatures({ title: "Xác nhận của cấp trình khen thưởng", name: "" }, { title: s.target === "collective" ? "Thủ trưởng đơn vị" : "Người báo cáo thành tích", name: s.target === "individual" ? s.name : "" }),
      ],
    },
  ]);
}

export async function quyetDinh(
  t: Template<"quyet-dinh">,
  d: { issuer: Issuer; number: string; date: string; signer: { on: string | null; title: string; name: string }; values: Record<string, string | number>; rows: ListRow[] },
) {
  const [y, m, dd] = d.date.split("-");
  const v = { ...d.values, number: d.number, dateShort: `${dd}/${m}/${y}`, count: d.rows.length, formUpper: String(d.values.form ?? "").toLocaleUpperCase("vi") };
  return pack([
    {
      children: [
        header({ parent: d.issuer.parent, issuer: d.issuer.name, number: `Số: ${d.number}`, place: d.issuer.place, date: d.date }),
        ...titleBlock(t.kind, fill(t.title, v)),
        para(fill(t.authority, v).toLocaleUpperCase("vi"), { align: "center", bold: true, after: 8 }),
        ...t.preamble.map((l) => para(fill(l, v), { italics: true, indent: true })),
        para(t.decides, { align: "center", bold: true, before: 6, after: 6 }),
        ...t.articles.map((l) => {
          const a = fill(l, v);
          const dot = a.indexOf(". ");
          return para(dot > 0 && dot < 10 ? [run(a.slice(0, dot + 1), { bold: true }), run(a.slice(dot + 1))] : a, { indent: true });
        }),
        signature(d.signer, t.recipients),
      ],
    },
    {
      landscape: true,
      children: [
        para(fill(t.annexTitle, v), { align: "center", bold: true, after: 0 }),
        para(fill(t.annexNote, v), { align: "center", italics: true, after: 12 }),
        listTable(["STT", "Tập thể, cá nhân", "Chức vụ", "Đơn vị", "Thành tích"], d.rows.map((r, i) => [String(i + 1), r.name, r.position ?? "", r.unit, r.achievement]), [6, 24, 18, 22, 30]),
      ],
    },
  ]);
}
