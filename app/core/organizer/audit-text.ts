/**
 * The words of the audit log (nhật ký thao tác), in one place: what each action code means, what each detail
 * key means, and how a detail reads. Shared by the page and its Excel export. Pure: no I/O.
 */

/**
 * Action codes. Most are "feature.verb"; the older unit-admin and participation ones are a bare verb whose
 * meaning depends on the entity, so they are keyed "entity:verb".
 */
export const AUDIT_ACTION_TEXT: Record<string, string> = {
  "contest.create": "Tạo cuộc thi",
  "contest.update": "Sửa cuộc thi",
  "round.create": "Tạo vòng thi",
  "round.generate_weekly": "Tạo các tuần thi",
  "round.update": "Sửa cài đặt vòng thi",
  "round.publish": "Công bố vòng thi",
  "round.unpublish": "Thôi công bố vòng thi",
  "round.settle_figure": "Chốt con số dự đoán",
  "question.create": "Thêm câu hỏi",
  "question.update": "Sửa câu hỏi",
  "question.new_version": "Tạo phiên bản mới của câu hỏi",
  "question.archive": "Lưu trữ câu hỏi",
  "question.restore": "Lấy lại câu hỏi",
  "question.delete": "Xóa câu hỏi",
  "question.import_preview": "Tải tệp câu hỏi lên để xem trước",
  "question.import": "Nhập câu hỏi",
  "question.export": "Yêu cầu xuất ngân hàng câu hỏi",
  "question.export_download": "Tải tệp ngân hàng câu hỏi",
  "ranking.export": "Yêu cầu xuất xếp hạng",
  "ranking.exclude": "Loại khỏi xếp hạng",
  "ranking.include": "Xếp hạng lại",
  "role.grant": "Cấp quyền",
  "task.download": "Tải tệp kết quả",
  "audit.export": "Xuất nhật ký thao tác",
  export_personal_data: "Xuất dữ liệu cá nhân",
  change_own_password: "Đổi mật khẩu của mình",
  update_own_profile: "Sửa thông tin cá nhân",
  request_unit_change: "Đề nghị chuyển đơn vị",
  approve_unit_change: "Duyệt chuyển đơn vị",
  refuse_unit_change: "Không duyệt chuyển đơn vị",
  roster_claim: "Yêu cầu ghép với danh sách cán bộ",
  roster_self_link: "Tự ghép với danh sách cán bộ",
  roster_self_claim_mismatch: "Tự ghép danh sách không khớp",
  confirm_roster_claim: "Xác nhận yêu cầu ghép danh sách",
  refuse_roster_claim: "Từ chối yêu cầu ghép danh sách",
  release_roster_row: "Gỡ tài khoản khỏi dòng danh sách",
  "question.copy": "Sao chép câu hỏi cho đơn vị khác",
  "initiative.scoring.reopen": "Mở lại chấm điểm sáng kiến",
  "emulation.import_results": "Nhập kết quả chỉ số và sáng kiến (thi đua)",
  "emulation.deadline.create": "Thêm mốc thời hạn của phong trào thi đua",
  "emulation.deadline.update": "Sửa mốc thời hạn của phong trào thi đua",
  "emulation.deadline.remove": "Xóa mốc thời hạn của phong trào thi đua",
  "emulation.deadline.move": "Dời hạn của phong trào thi đua đã phát động",
  "emulation.movement.launched": "Phát động phong trào thi đua",
  "emulation.movement.registration_closed": "Khóa đăng ký thi đua",
  "emulation.movement.evaluating": "Bắt đầu xét thi đua",
  "emulation.movement.closed": "Kết thúc phong trào thi đua",
  "emulation.registration.save": "Lưu bản đăng ký thi đua",
  "emulation.registration.send": "Gửi bản đăng ký thi đua",
  "emulation.registration.approve": "Duyệt bản đăng ký thi đua",
  "emulation.registration.return": "Trả lại bản đăng ký thi đua",
  "emulation.registration.parent_approve": "Đơn vị cấp trên duyệt bản đăng ký thi đua",
  "emulation.registration.parent_return": "Đơn vị cấp trên trả lại bản đăng ký thi đua",
  "emulation.declaration.save": "Kê khai số liệu thi đua",
  "emulation.evidence.upload": "Tải lên tệp minh chứng thi đua",
  "emulation.declaration.accept": "Chấp nhận minh chứng thi đua",
  "emulation.declaration.reject": "Trả lại minh chứng thi đua",
  "emulation.movement.create": "Lập phong trào thi đua (bản nháp)",
  "emulation.movement.update": "Sửa phong trào thi đua (bản nháp)",
  "emulation.movement.delete": "Xóa bản nháp phong trào thi đua",
  "emulation.document.add": "Thêm văn bản phát động phong trào",
  "emulation.document.remove": "Gỡ văn bản phát động phong trào",
  "emulation.scheme.create": "Thêm hình thức khen thưởng của phong trào",
  "emulation.scheme.update": "Sửa hình thức khen thưởng của phong trào",
  "emulation.scheme.remove": "Xóa hình thức khen thưởng của phong trào",
  "emulation.criterion.create": "Thêm tiêu chí khen thưởng",
  "emulation.criterion.update": "Sửa tiêu chí khen thưởng",
  "emulation.criterion.remove": "Xóa tiêu chí khen thưởng",
  "initiative_register.save": "Lưu đơn yêu cầu công nhận sáng kiến",
  "initiative_register.submit": "Nộp đơn yêu cầu công nhận sáng kiến",
  "initiative_register.carry_over": "Chuyển bài dự thi thành đơn công nhận sáng kiến",
  "initiative_register.score": "Chấm phiếu sáng kiến",
  "initiative_register.decide.recognised": "Công nhận sáng kiến",
  "initiative_register.decide.not_recognised": "Không công nhận sáng kiến",
  "initiative_register.decide.needs_more": "Yêu cầu bổ sung đơn sáng kiến",
  "initiative_register.apply": "Ghi nhận đơn vị áp dụng sáng kiến",
  "initiative_register.publish": "Công khai sáng kiến",
  "initiative_register.unpublish": "Thôi công khai sáng kiến",
  "initiative_register.import": "Nhập sáng kiến đã công nhận",
  "initiative_register.export": "Xuất sổ sáng kiến",
  "initiative_register.council.create": "Lập hội đồng sáng kiến",
  "initiative_register.council.update": "Sửa hội đồng sáng kiến",
  "reform_index.set_import": "Nhập bộ chỉ số CCHC",
  "reform_index.scores_import": "Nhập kết quả Chỉ số CCHC",
  "reform_index.open": "Mở tự đánh giá Chỉ số CCHC",
  "reform_index.appraising": "Chuyển Chỉ số CCHC sang thẩm định",
  "reform_index.publish": "Công bố kết quả Chỉ số CCHC",
  "reform_index.self_score": "Sửa điểm tự đánh giá",
  "reform_index.submit": "Gửi bản tự đánh giá",
  "reform_index.return": "Trả lại bản tự đánh giá",
  "reform_index.appraise": "Thẩm định tiêu chí",
  "reform_index.final_score": "Chốt điểm tiêu chí",
  "reform_index.appraisal_done": "Hoàn thành thẩm định đơn vị",
  "reform_index.answer": "Đơn vị giải trình",
  "reform_index.council_add": "Thêm thành viên Hội đồng thẩm định",
  "reform_index.council_assign": "Phân công thành viên Hội đồng thẩm định",
  "reform_index.council_remove": "Xóa thành viên khỏi Hội đồng thẩm định",
  "reform_index.officer_assign": "Giao cán bộ đầu mối Chỉ số CCHC",
  "reform_index.officer_remove": "Thôi giao cán bộ đầu mối Chỉ số CCHC",
  "reform_index.explain_window": "Đặt thời hạn giải trình Chỉ số CCHC",
  "awards.proposal.create": "Lập hồ sơ đề nghị khen thưởng",
  "awards.proposal.edit": "Sửa thành tích trong hồ sơ đề nghị",
  "awards.proposal.delete": "Xóa hồ sơ đề nghị nháp",
  "awards.proposal.send": "Gửi hồ sơ đề nghị khen thưởng",
  "awards.proposal.withdraw": "Rút hồ sơ đề nghị về nháp",
  "awards.proposal.receive": "Tiếp nhận hồ sơ đề nghị",
  "awards.proposal.return": "Trả lại hồ sơ để bổ sung",
  "awards.proposal.qualify": "Thẩm định hồ sơ: đủ điều kiện",
  "awards.proposal.disqualify": "Thẩm định hồ sơ: không đủ điều kiện",
  "awards.proposal.submit": "Trình Hội đồng Thi đua – Khen thưởng",
  "awards.proposal.forward": "Chuyển hồ sơ lên cấp trên",
  "awards.proposal.reject": "Không khen thưởng",
  "awards.document.upload": "Tải lên tài liệu hồ sơ khen thưởng",
  "awards.document.supersede": "Thay thế tài liệu đã đăng ký",
  "awards.reopen": "Mở lại hạn gửi hồ sơ cho đơn vị",
  "awards.settings": "Sửa cài đặt khen thưởng",
  "awards.level_settings": "Sửa cài đặt quyết định của cấp khen thưởng",
  "awards.council.member": "Thêm thành viên Hội đồng Thi đua – Khen thưởng",
  "awards.council.remove": "Bỏ thành viên Hội đồng Thi đua – Khen thưởng",
  "awards.session.open": "Mở phiên họp Hội đồng",
  "awards.session.close": "Kết thúc phiên họp Hội đồng",
  "awards.vote": "Biểu quyết hồ sơ khen thưởng",
  "awards.decision.create": "Lập dự thảo quyết định khen thưởng",
  "awards.decision.register": "Đăng ký quyết định khen thưởng",
  "awards.reports.start": "Tạo gói Báo cáo thành tích ở tiến trình nền",
  "awards.reports.download": "Tải gói Báo cáo thành tích",
  logout_all_devices: "Đăng xuất trên mọi thiết bị",
  create_password_reset_link: "Tạo liên kết đặt lại mật khẩu",
  password_reset_by_link: "Đặt lại mật khẩu bằng liên kết",
  "initiative.accept": "Tiếp nhận sáng kiến",
  "initiative.reject": "Không tiếp nhận sáng kiến",
  "initiative.request_changes": "Yêu cầu sửa sáng kiến",
  "initiative.publish": "Công bố sáng kiến",
  "initiative.unpublish": "Thôi công bố sáng kiến",
  "initiative.settings": "Sửa cài đặt vòng sáng kiến",
  "initiative.criterion.add": "Thêm tiêu chí chấm",
  "initiative.criterion.update": "Sửa tiêu chí chấm",
  "initiative.criterion.delete": "Xóa tiêu chí chấm",
  "initiative.judge.assign": "Phân công giám khảo",
  "initiative.judge.remove": "Thôi phân công giám khảo",
  "initiative.archive.import": "Nhập kho sáng kiến cũ",
  "initiative.score": "Chấm điểm sáng kiến",
  "initiative.recuse": "Giám khảo xin không chấm",
  "units:import": "Nhập cây đơn vị",
  "roster:import": "Nhập danh sách cán bộ",
  "unit:create": "Thêm đơn vị",
  "unit:update": "Sửa đơn vị",
  "role_grant:grant": "Giao quyền thủ trưởng đơn vị",
  "role_grant:revoke": "Thu hồi quyền thủ trưởng đơn vị",
  "roster_entry:link": "Khớp đăng ký với danh sách",
  "user:move": "Chuyển đơn vị của người dự thi",
  "contest_participation_settings:update": "Sửa cách tính tỷ lệ tham gia",
  "participation:recompute": "Tính lại tỷ lệ tham gia",
};

/** The key under which an (action, entity) pair is labelled and filtered. */
export function auditKindKey(action: string, entity: string): string {
  return action in AUDIT_ACTION_TEXT || action.includes(".") || action.includes("_") ? action : `${entity}:${action}`;
}

export function auditActionText(action: string, entity: string): string {
  return AUDIT_ACTION_TEXT[auditKindKey(action, entity)] ?? `Thao tác khác (${action})`;
}

/** Splits a kind key back into what the database filter needs. */
export function parseAuditKind(key: string): { action: string; entity: string | null } {
  const i = key.indexOf(":");
  return i === -1 ? { action: key, entity: null } : { action: key.slice(i + 1), entity: key.slice(0, i) };
}

export const AUDIT_ENTITY_TEXT: Record<string, string> = {
  contest: "Cuộc thi",
  round: "Vòng thi",
  question: "Câu hỏi",
  task: "Tác vụ",
  export: "Tệp xuất",
  user: "Tài khoản",
  units: "Cây đơn vị",
  unit: "Đơn vị",
  roster: "Danh sách cán bộ",
  roster_entry: "Dòng danh sách",
  role_grant: "Quyền",
  contest_participation_settings: "Cài đặt tỷ lệ tham gia",
  participation: "Tỷ lệ tham gia",
  initiative_entry: "Sáng kiến",
  initiative_criterion: "Tiêu chí chấm",
  initiative_archive: "Kho sáng kiến",
  audit: "Nhật ký",
  index_set: "Bộ chỉ số CCHC",
  index_assessment: "Bản tự đánh giá Chỉ số CCHC",
  index_entry: "Tiêu chí của bản tự đánh giá",
  ir_council: "Hội đồng sáng kiến",
  ir_request: "Đơn công nhận sáng kiến",
};

/** What a personal-data export held (the "what" of export_personal_data). */
const EXPORT_WHAT_TEXT: Record<string, string> = {
  own_data: "dữ liệu của chính mình",
  participation_not_yet: "danh sách chưa tham gia",
  participation_not_yet_print: "bản in danh sách chưa tham gia",
  participation_not_yet_view: "xem số điện thoại người chưa tham gia",
  initiative_ranking: "xếp hạng sáng kiến",
  quiz_ranking: "xếp hạng vòng thi",
  audit_log: "nhật ký thao tác",
};

const DETAIL_KEY_TEXT: Record<string, string> = {
  what: "Nội dung",
  rows: "Số dòng",
  taskId: "Tác vụ",
  roundId: "Vòng thi",
  contestId: "Cuộc thi",
  unitId: "Đơn vị",
  userId: "Người",
  judgeId: "Giám khảo",
  title: "Tên",
  name: "Tên",
  format: "Định dạng",
  file: "Tệp",
  imported: "Đã nhập",
  skipped: "Bỏ qua",
  weeks: "Số tuần",
  from: "Từ",
  to: "Đến",
  sessions: "Số phiên",
  sessionsEnded: "Số phiên đã đóng",
  linkBy: "Người tạo liên kết",
  via: "Qua",
  expiresAt: "Hết hạn lúc",
  flaggedAccepted: "Câu hỏi bị cảnh báo vẫn dùng",
  reason: "Lý do",
  role: "Quyền",
  unit: "Đơn vị",
  theme: "Chủ đề",
  actual: "Con số thực tế",
  automatic: "Tự động",
  scores: "Điểm",
  comment: "Có nhận xét",
  items: "Số mục",
  added: "Đã thêm",
  headcount: "Biên chế",
  linked: "Đã khớp",
  before: "Trước",
  after: "Sau",
  attempts: "Số lượt thi",
  newVersion: "Phiên bản mới",
  parentId: "Đơn vị cấp trên",
  // The movement editor.
  movementId: "Phong trào",
  organizerUnitId: "Đơn vị phát động",
  schemeId: "Hình thức khen thưởng",
  label: "Nội dung",
  check: "Nền tảng kiểm tra",
  url: "Đường dẫn",
  fileName: "Tên tệp",
  sha256: "Mã băm SHA-256",
  parts: "Lĩnh vực",
  changes: "Thay đổi",
  members: "Số thành viên",
  frozen: "Số đơn đang chấm giữ phiếu chấm cũ",
  opinions: "Số ý kiến đã cho (giữ lại)",
};

const VALUE_TEXT: Record<string, string> = {
  organizer: "Ban Tổ chức",
  unit_head: "thủ trưởng đơn vị",
  admin: "quản trị hệ thống",
  judge: "giám khảo",
  participant: "người dự thi",
  xlsx: "Excel",
  gift: "GIFT",
};

const vnDateTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const vnNumber = new Intl.NumberFormat("vi-VN");

function valueText(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "có" : "không";
  if (typeof v === "number") {
    // Times in the log are epoch milliseconds; nothing else we log reaches 10^12.
    if (/At$/.test(key) && v > 1e12) return vnDateTime.format(new Date(v));
    if (/Id$/.test(key)) return `số ${v}`;
    return vnNumber.format(v);
  }
  if (typeof v === "string") {
    if (key === "what") return EXPORT_WHAT_TEXT[v] ?? v;
    return VALUE_TEXT[v] ?? v;
  }
  if (Array.isArray(v)) return v.map((x) => valueText(key, x)).join(", ");
  if (typeof v === "object") return `(${auditDetailParts(v as Record<string, unknown>).map((p) => `${p.label}: ${p.value}`).join("; ")})`;
  return String(v);
}

/** A detail object as labelled pairs, in the order it was logged. */
export function auditDetailParts(detail: Record<string, unknown> | null | undefined): { label: string; value: string }[] {
  if (!detail) return [];
  return Object.entries(detail).map(([k, v]) => ({ label: DETAIL_KEY_TEXT[k] ?? k, value: valueText(k, v) }));
}

export function auditDetailText(detail: Record<string, unknown> | null | undefined): string {
  return auditDetailParts(detail)
    .map((p) => `${p.label}: ${p.value}`)
    .join("; ");
}

export function auditEntityText(entity: string, entityId: string | null): string {
  const name = AUDIT_ENTITY_TEXT[entity] ?? entity;
  if (!entityId) return name;
  return entity === "export" ? `${name}: ${EXPORT_WHAT_TEXT[entityId] ?? entityId}` : `${name} số ${entityId}`;
}

/** A dd/mm/yyyy day as "yyyy-mm-dd", or null when it is not a real date. */
export function parseVnDay(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
