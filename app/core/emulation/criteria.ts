import { BAND_LABEL, SCOPE_LABEL, num, pct } from "./text";
import { BANDS, SCOPES, type Candidate, type Criterion, type CriterionResult, type EvaluationContext, type Outcome } from "./types";

/**
 * One candidate against one criterion: met, not met, missing evidence or disqualified, with the reason in
 * Vietnamese as a council member would read it. With `why` false the reason is left empty: a snapshot stores
 * the outcomes and its inputs, and the reasons are written again from those when shown (explainEvaluation),
 * by this same function, so the rule and its wording stay in one place.
 */
// A module function rather than a closure per call: an evaluation of 100,000 people makes half a million results.
function r(c: Criterion, outcome: Outcome, reason: string): CriterionResult {
  return { criterionId: c.id, outcome, reason };
}

export function evaluateCriterion(c: Criterion, cand: Candidate, ctx: EvaluationContext, why = true): CriterionResult {
  const year = ctx.year;
  switch (c.kind) {
    case "participation_rate": {
      const p = ctx.participation(c.contest, cand.unitId);
      if (!p || p.denominator === 0) return r(c, "not_met", why ? "Chưa có số liệu tham gia cuộc thi của đơn vị." : "");
      const rate = p.participants / p.denominator;
      const text = why ? `Tỷ lệ tham gia cuộc thi ${pct(rate)} (${num(p.participants)}/${num(p.denominator)} người)` : "";
      return rate + 1e-9 >= c.minRate ? r(c, "met", why ? `${text}, đạt mức ${pct(c.minRate)}.` : "") : r(c, "not_met", why ? `${text}, chưa đạt ${pct(c.minRate)}; còn thiếu ${num(Math.ceil(c.minRate * p.denominator - p.participants))} người.` : "");
    }
    case "quiz_score": {
      const score = ctx.quizScore(c.contest, cand);
      if (score === undefined) return r(c, "not_met", why ? (cand.target === "individual" ? "Chưa tham gia cuộc thi." : "Đơn vị chưa có người dự thi.") : "");
      if (c.minScore <= 0) return r(c, "met", why ? `Đã tham gia cuộc thi (điểm ${num(score)}).` : "");
      return score >= c.minScore ? r(c, "met", why ? `Điểm thi ${num(score)}, đạt từ ${num(c.minScore)}.` : "") : r(c, "not_met", why ? `Điểm thi ${num(score)}, dưới ${num(c.minScore)}.` : "");
    }
    case "index_score": {
      const y = year + (c.yearOffset ?? 0);
      const res = ctx.index.result(cand.unitId, y);
      if (!res) return r(c, "not_met", why ? `Chưa có kết quả Chỉ số CCHC năm ${y}.` : "");
      return res.score + 1e-9 >= c.minScore
        ? r(c, "met", why ? `Chỉ số CCHC năm ${y} đạt ${num(res.score)}%, từ ${num(c.minScore)}% trở lên.` : "")
        : r(c, "not_met", why ? `Chỉ số CCHC năm ${y} đạt ${num(res.score)}%, dưới ${num(c.minScore)}%.` : "");
    }
    case "index_rank": {
      const y = year + (c.yearOffset ?? 0);
      const res = ctx.index.result(cand.unitId, y);
      if (!res || res.rank === null) return r(c, "not_met", why ? `Chưa có thứ hạng Chỉ số CCHC năm ${y}.` : "");
      return res.rank <= c.maxRank
        ? r(c, "met", why ? `Xếp hạng ${res.rank} về Chỉ số CCHC năm ${y}, trong ${c.maxRank} vị trí cao nhất.` : "")
        : r(c, "not_met", why ? `Xếp hạng ${res.rank} về Chỉ số CCHC năm ${y}, ngoài ${c.maxRank} vị trí cao nhất.` : "");
    }
    case "index_band": {
      const y = year + (c.yearOffset ?? 0);
      const res = ctx.index.result(cand.unitId, y);
      if (!res || res.band === null) return r(c, "not_met", why ? `Chưa có kết quả xếp loại Chỉ số CCHC năm ${y}.` : "");
      return BANDS.indexOf(res.band) <= BANDS.indexOf(c.minBand)
        ? r(c, "met", why ? `Chỉ số CCHC năm ${y} xếp loại "${BAND_LABEL[res.band]}", từ "${BAND_LABEL[c.minBand]}" trở lên.` : "")
        : r(c, "not_met", why ? `Chỉ số CCHC năm ${y} xếp loại "${BAND_LABEL[res.band]}", dưới "${BAND_LABEL[c.minBand]}".` : "");
    }
    case "index_years": {
      const years: number[] = [];
      for (let o = c.fromOffset; o <= c.toOffset; o++) years.push(year + o);
      const good = years.filter((y) => {
        const res = ctx.index.result(cand.unitId, y);
        return res !== undefined && res.score + 1e-9 >= c.minScore;
      });
      let best = good.length;
      if (c.consecutive) {
        best = 0;
        let run = 0;
        for (const y of years) {
          const res = ctx.index.result(cand.unitId, y);
          run = res !== undefined && res.score + 1e-9 >= c.minScore ? run + 1 : 0;
          best = Math.max(best, run);
        }
      }
      if (!why) return r(c, best >= c.minYears ? "met" : "not_met", "");
      const span = `${years[0]}–${years[years.length - 1]}`;
      const listed = good.length ? ` (${good.join(", ")})` : "";
      const what = c.consecutive ? `${best} năm liên tục` : `${good.length} năm`;
      return best >= c.minYears
        ? r(c, "met", why ? `Giai đoạn ${span} có ${what} đạt Chỉ số CCHC từ ${num(c.minScore)}%${listed}; yêu cầu ${c.minYears}.` : "")
        : r(c, "not_met", why ? `Giai đoạn ${span} chỉ có ${what} đạt Chỉ số CCHC từ ${num(c.minScore)}%${listed}; yêu cầu ${c.minYears}.` : "");
    }
    case "initiatives": {
      const s = ctx.initiatives.ofUnit(cand.unitId, year);
      if (c.measure === "registered") {
        return s.registered >= c.min
          ? r(c, "met", why ? `Đã đăng ký ${s.registered} mô hình, sáng kiến năm ${year}.` : "")
          : r(c, "not_met", why ? `Mới đăng ký ${s.registered} mô hình, sáng kiến năm ${year}; cần ít nhất ${c.min}.` : "");
      }
      if (c.measure === "applied_share") {
        if (s.registered === 0) return r(c, "not_met", why ? `Chưa đăng ký mô hình, sáng kiến nào năm ${year}.` : "");
        const share = s.applied / s.registered;
        return share + 1e-9 >= c.min
          ? r(c, "met", why ? `${s.applied}/${s.registered} mô hình, sáng kiến được áp dụng có hiệu quả (${pct(share)}), từ ${pct(c.min)}.` : "")
          : r(c, "not_met", why ? `${s.applied}/${s.registered} mô hình, sáng kiến được áp dụng có hiệu quả (${pct(share)}), dưới ${pct(c.min)}.` : "");
      }
      const minScope = SCOPES.indexOf(c.minScope ?? "co_so");
      // A unit's recognitions are asked once per person of the unit: the cheap test of authorship first.
      const counted: typeof s.recognitions = [];
      for (const x of s.recognitions) {
        if (cand.target !== "collective" && x.personId !== cand.personId && !(cand.personId !== undefined && x.personIds?.includes(cand.personId))) continue;
        if (SCOPES.indexOf(x.scope) < minScope || (c.council !== undefined && x.council !== c.council)) continue;
        counted.push(x);
      }
      if (!why) return r(c, counted.length >= c.min ? "met" : "not_met", "");
      const by = c.council ? ` bởi ${c.council}` : "";
      const scope = c.minScope && c.minScope !== "co_so" ? ` phạm vi ${SCOPE_LABEL[c.minScope]} trở lên` : "";
      return counted.length >= c.min
        ? r(c, "met", why ? `Có ${counted.length} sáng kiến được công nhận${by}${scope} năm ${year}: ${counted.map((x) => `"${x.title}"`).join(", ")}.` : "")
        : r(c, "not_met", why ? `Có ${counted.length} sáng kiến được công nhận${by}${scope} năm ${year}; cần ít nhất ${c.min}.` : "");
    }
    case "past_titles": {
      if (!why) {
        // The same test as below without the sets and lists: each of the years before, held.
        const list = ctx.titles(cand);
        for (let y = year - c.years; y < year; y++) {
          let held = false;
          for (const t of list) if (t.year === y && t.title === c.title) held = true;
          if (!held) return r(c, "not_met", "");
        }
        return r(c, "met", "");
      }
      const held = new Set(ctx.titles(cand).filter((t) => t.title === c.title).map((t) => t.year));
      const needed: number[] = [];
      for (let y = year - c.years; y < year; y++) needed.push(y);
      const missing = needed.filter((y) => !held.has(y));
      return missing.length === 0
        ? r(c, "met", why ? `Đạt "${c.title}" ${c.years} năm liên tục (${needed.join(", ")}).` : "")
        : r(c, "not_met", why ? `Chưa đạt "${c.title}" năm ${missing.join(", ")}; cần ${c.years} năm liên tục trước năm ${year}.` : "");
    }
    case "declared_boolean":
    case "declared_number":
    case "disqualify_share":
      return declared(c, cand, ctx, why);
    case "disqualify_pending": {
      const p = ctx.pendingCases(cand);
      if (!why) return r(c, p.discipline || p.inspection || p.complaint ? "disqualified" : "met", "");
      const cases = [p.discipline && "đang bị xem xét kỷ luật", p.inspection && "đang bị thanh tra, kiểm tra", p.complaint && "có khiếu nại, tố cáo đang giải quyết"].filter(Boolean);
      return cases.length
        ? r(c, "disqualified", why ? `Không xét khen thưởng (Nghị định 152/2025/NĐ-CP, Điều 4): ${cases.join("; ")}.` : "")
        : r(c, "met", why ? "Không có việc kỷ luật, thanh tra hay khiếu nại đang xem xét." : "");
    }
  }
}

function declared(
  c: Criterion & { kind: "declared_boolean" | "declared_number" | "disqualify_share" },
  cand: Candidate,
  ctx: EvaluationContext,
  why: boolean,
): CriterionResult {
  const d = ctx.declaration(cand, c.id);
  if (!d || d.value === null) return r(c, "missing_evidence", why ? "Còn thiếu: đơn vị chưa kê khai số liệu." : "");
  if (!d.evidence) return r(c, "missing_evidence", why ? "Còn thiếu: tài liệu kiểm chứng (tệp hoặc đường dẫn)." : "");
  if (d.status === "returned") return r(c, "missing_evidence", why ? `Ban Tổ chức trả lại minh chứng: ${d.returnReason || "cần bổ sung"}.` : "");
  if (d.status === "pending") return r(c, "missing_evidence", why ? "Minh chứng đang chờ Ban Tổ chức thẩm định." : "");
  if (c.kind === "declared_boolean") {
    const v = d.value === true || d.value === 1;
    return v === c.expected ? r(c, "met", why ? `Đã kê khai "${v ? "Có" : "Không"}", minh chứng được chấp nhận.` : "") : r(c, "not_met", why ? `Đơn vị kê khai "${v ? "Có" : "Không"}".` : "");
  }
  const v = Number(d.value);
  if (c.kind === "disqualify_share") {
    if (cand.headcount <= 0) return r(c, "missing_evidence", why ? "Còn thiếu: biên chế của đơn vị để tính tỷ lệ." : "");
    const share = v / cand.headcount;
    const text = why ? `${num(v)}/${num(cand.headcount)} người (${pct(share)})` : "";
    return share > c.maxShare + 1e-9
      ? r(c, "disqualified", why ? `Không xét khen thưởng: ${text} vi phạm, trên ${pct(c.maxShare)} biên chế.` : "")
      : r(c, "met", why ? `${text} vi phạm, không quá ${pct(c.maxShare)} biên chế.` : "");
  }
  const ok = c.op === ">=" ? v >= c.target : c.op === "<=" ? v <= c.target : v === c.target;
  if (!why) return r(c, ok ? "met" : "not_met", "");
  const unit = c.unit ? ` ${c.unit}` : "";
  const need = c.op === ">=" ? `từ ${num(c.target)}${unit}` : c.op === "<=" ? `không quá ${num(c.target)}${unit}` : `bằng ${num(c.target)}${unit}`;
  return ok ? r(c, "met", why ? `Kê khai ${num(v)}${unit}, đạt yêu cầu ${need}.` : "") : r(c, "not_met", why ? `Kê khai ${num(v)}${unit}, yêu cầu ${need}.` : "");
}
