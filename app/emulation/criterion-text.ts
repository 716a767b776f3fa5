import { BAND_LABEL, SCOPE_LABEL, num, pct } from "../core/emulation/text";
import type { CriterionRule } from "../core/emulation/types";
import type { FormKind } from "./editor-schemas";

/**
 * What the organizer reads while building criteria: the name of each kind, where the platform takes the
 * figure from, and, for a saved rule, the exact check in one sentence.
 */

export const KIND_GROUPS: { title: string; kinds: FormKind[] }[] = [
  { title: "Từ dữ liệu của nền tảng", kinds: ["participation_rate", "quiz_score", "index_score", "index_band", "index_rank", "index_years", "initiatives_registered", "initiatives_recognised", "initiatives_applied", "past_titles"] },
  { title: "Đơn vị kê khai, có minh chứng", kinds: ["declared_boolean", "declared_number"] },
  { title: "Điều kiện loại trừ", kinds: ["disqualify_share", "disqualify_pending"] },
];

export const KIND_TITLE: Record<FormKind, string> = {
  participation_rate: "Tỷ lệ tham gia cuộc thi",
  quiz_score: "Kết quả thi trắc nghiệm",
  index_score: "Điểm Chỉ số CCHC",
  index_band: "Xếp loại Chỉ số CCHC",
  index_rank: "Thứ hạng Chỉ số CCHC",
  index_years: "Số năm đạt Chỉ số CCHC trong giai đoạn",
  initiatives_registered: "Đăng ký mô hình, sáng kiến",
  initiatives_recognised: "Sáng kiến được công nhận",
  initiatives_applied: "Tỷ lệ mô hình, sáng kiến được áp dụng",
  past_titles: "Danh hiệu, khen thưởng các năm trước",
  declared_boolean: "Kê khai Có/Không",
  declared_number: "Kê khai số liệu",
  disqualify_share: "Loại trừ: tỷ lệ vi phạm trên biên chế",
  disqualify_pending: "Loại trừ: đang bị kỷ luật, thanh tra, khiếu nại",
};

export const KIND_EXPLAIN: Record<FormKind, string> = {
  participation_rate:
    "Nền tảng tính tỷ lệ người của đơn vị (cả các đơn vị trực thuộc) đã tham gia cuộc thi trên tổng số phải tham gia, theo số liệu tham gia của chính cuộc thi. Với cá nhân, xét tỷ lệ của đơn vị người đó. Đạt khi tỷ lệ từ mức yêu cầu trở lên; nếu chưa đạt, trang của đơn vị ghi còn thiếu bao nhiêu người.",
  quiz_score:
    "Nền tảng lấy điểm cao nhất của người dự thi trong cuộc thi (với tập thể: điểm trung bình của người dự thi thuộc đơn vị). Điểm tối thiểu 0 nghĩa là chỉ cần đã tham gia.",
  index_score:
    "Nền tảng đọc kết quả Chỉ số cải cách hành chính của đơn vị (đã công bố trên nền tảng hoặc nhập từ Excel) cho năm xét hoặc năm trước đó. Đạt khi chỉ số (%) từ mức yêu cầu trở lên; chưa có kết quả thì chưa đạt.",
  index_band:
    "Nền tảng đọc xếp loại Chỉ số CCHC của đơn vị (Xuất sắc, Tốt, Khá, Trung bình, Yếu) cho năm xét hoặc năm trước đó. Đạt khi xếp loại từ mức yêu cầu trở lên.",
  index_rank:
    "Nền tảng đọc thứ hạng Chỉ số CCHC của đơn vị trong năm, xếp giữa mọi đơn vị có kết quả năm đó. Đạt khi thứ hạng nằm trong số vị trí cao nhất đã chọn (ví dụ 3: Nhất, Nhì, Ba).",
  index_years:
    "Nền tảng đếm số năm trong giai đoạn (các năm gần nhất, tính đến năm xét) đơn vị có Chỉ số CCHC từ mức yêu cầu. Đạt khi đủ số năm; nếu chọn “liên tục”, các năm phải liền nhau.",
  initiatives_registered:
    "Nền tảng đếm mô hình, giải pháp, sáng kiến đơn vị đăng ký trong năm xét, theo Sổ sáng kiến (hoặc số liệu nhập từ Excel khi sổ chưa có dữ liệu của đơn vị).",
  initiatives_recognised:
    "Nền tảng đếm sáng kiến của đơn vị (với cá nhân: sáng kiến người đó là tác giả) được hội đồng sáng kiến công nhận trong năm xét, ở phạm vi ảnh hưởng đã chọn trở lên và, nếu ghi tên, do đúng hội đồng đó công nhận.",
  initiatives_applied:
    "Nền tảng chia số mô hình, sáng kiến được áp dụng có hiệu quả cho số đã đăng ký trong năm xét. Đơn vị chưa đăng ký mô hình nào thì chưa đạt.",
  past_titles:
    "Nền tảng tìm danh hiệu hoặc hình thức khen thưởng này trong hồ sơ thành tích của tập thể, cá nhân (các quyết định đã ban hành trên nền tảng và số liệu đã nhập) cho từng năm liền trước năm xét. Thiếu một năm là chưa đạt.",
  declared_boolean:
    "Đơn vị trả lời Có hoặc Không và gửi kèm tài liệu kiểm chứng (tệp hoặc đường dẫn). Ban Tổ chức thẩm định: chấp nhận hoặc trả lại. Chưa kê khai, chưa có minh chứng hay minh chứng chưa được chấp nhận thì kết quả là “Còn thiếu”.",
  declared_number:
    "Đơn vị kê khai một số liệu kèm tài liệu kiểm chứng; Ban Tổ chức thẩm định. Nền tảng so sánh số liệu đã được chấp nhận với mức yêu cầu.",
  disqualify_share:
    "Đơn vị kê khai số người vi phạm (ví dụ đi muộn) kèm minh chứng. Nền tảng chia cho biên chế của đơn vị; vượt tỷ lệ tối đa thì đơn vị không được xét, dù đạt các tiêu chí khác.",
  disqualify_pending:
    "Theo Nghị định 152/2025/NĐ-CP, Điều 4: không xét khen thưởng tập thể, cá nhân đang bị xem xét kỷ luật, đang bị thanh tra, kiểm tra hoặc có khiếu nại, tố cáo đang giải quyết. Ban Tổ chức ghi nhận các trường hợp này; nền tảng loại ứng viên khỏi danh sách.",
};

/** How the criterion is usually worded in a plan, as the label field's example. */
export const KIND_EXAMPLE: Record<FormKind, string> = {
  participation_rate: "100% cán bộ, công chức, viên chức tham gia cuộc thi",
  quiz_score: "Đạt từ 80 điểm trở lên trong cuộc thi",
  index_score: "Chỉ số cải cách hành chính đạt từ 90% trở lên",
  index_band: "Chỉ số cải cách hành chính năm trước đạt từ loại “Khá” trở lên",
  index_rank: "Chỉ số cải cách hành chính xếp hạng Nhất, Nhì, Ba",
  index_years: "Có ít nhất 3 năm trong giai đoạn đạt Chỉ số CCHC từ 90%",
  initiatives_registered: "Đăng ký ít nhất 1 mô hình, giải pháp, sáng kiến",
  initiatives_recognised: "Có ít nhất 1 sáng kiến được Hội đồng sáng kiến công nhận",
  initiatives_applied: "Ít nhất 10% mô hình, sáng kiến được áp dụng có hiệu quả",
  past_titles: "Hai năm liên tục đạt danh hiệu “Tập thể lao động xuất sắc”",
  declared_boolean: "Không có hồ sơ thủ tục hành chính trễ hạn",
  declared_number: "Giải ngân 100% vốn đầu tư công được giao",
  disqualify_share: "Không xét đơn vị có trên 10% biên chế đi làm muộn",
  disqualify_pending: "Không đang bị xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
};

const yearText = (o: number | undefined, year: number) => (o ? `năm ${year + o} (năm trước năm xét)` : `năm ${year}`);

/** What the platform will check for a saved rule, in one sentence, for the movement's year. */
export function ruleSummary(rule: CriterionRule, year: number, contestName: (slug: string) => string = (s) => s): string {
  switch (rule.kind) {
    case "participation_rate":
      return `Tỷ lệ tham gia cuộc thi “${contestName(rule.contest)}” của đơn vị từ ${pct(rule.minRate)} trở lên.`;
    case "quiz_score":
      return rule.minScore > 0 ? `Điểm thi cuộc thi “${contestName(rule.contest)}” từ ${num(rule.minScore)} trở lên.` : `Đã tham gia cuộc thi “${contestName(rule.contest)}”.`;
    case "index_score":
      return `Chỉ số CCHC ${yearText(rule.yearOffset, year)} từ ${num(rule.minScore)}% trở lên.`;
    case "index_band":
      return `Chỉ số CCHC ${yearText(rule.yearOffset, year)} xếp loại từ “${BAND_LABEL[rule.minBand]}” trở lên.`;
    case "index_rank":
      return `Thứ hạng Chỉ số CCHC ${yearText(rule.yearOffset, year)} trong ${rule.maxRank} vị trí cao nhất.`;
    case "index_years":
      return `Ít nhất ${rule.minYears}${rule.consecutive ? " năm liên tục" : " năm"} trong giai đoạn ${year + rule.fromOffset}–${year + rule.toOffset} đạt Chỉ số CCHC từ ${num(rule.minScore)}%.`;
    case "initiatives":
      if (rule.measure === "registered") return `Đăng ký ít nhất ${rule.min} mô hình, giải pháp, sáng kiến năm ${year}.`;
      if (rule.measure === "applied_share") return `Ít nhất ${pct(rule.min)} mô hình, sáng kiến đăng ký năm ${year} được áp dụng có hiệu quả.`;
      return `Ít nhất ${rule.min} sáng kiến được công nhận năm ${year}${rule.minScope && rule.minScope !== "co_so" ? `, phạm vi ${SCOPE_LABEL[rule.minScope]} trở lên` : ""}${rule.council ? `, do ${rule.council} công nhận` : ""}.`;
    case "past_titles":
      return `Đạt “${rule.title}” ${rule.years} năm liên tục trước năm ${year} (${year - rule.years}–${year - 1}).`;
    case "declared_boolean":
      return `Đơn vị kê khai “${rule.expected ? "Có" : "Không"}” kèm minh chứng được Ban Tổ chức chấp nhận.`;
    case "declared_number": {
      const unit = rule.unit ? ` ${rule.unit}` : "";
      const need = rule.op === ">=" ? `từ ${num(rule.target)}${unit} trở lên` : rule.op === "<=" ? `không quá ${num(rule.target)}${unit}` : `bằng ${num(rule.target)}${unit}`;
      return `Số liệu kê khai ${need}, kèm minh chứng được Ban Tổ chức chấp nhận.`;
    }
    case "disqualify_share":
      return `Không xét nếu số người vi phạm kê khai vượt ${pct(rule.maxShare)} biên chế của đơn vị.`;
    case "disqualify_pending":
      return "Không xét nếu đang bị xem xét kỷ luật, thanh tra, kiểm tra hoặc có khiếu nại, tố cáo đang giải quyết.";
  }
}
