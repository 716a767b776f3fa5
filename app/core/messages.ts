/** Every sentence the quiz shows a participant, in one place. */
export const quizMessages = {
  notSignedIn: "Bạn cần đăng nhập để làm bài.",
  roundNotFound: "Không tìm thấy vòng thi.",
  roundNotOpen: "Vòng thi chưa mở hoặc đã kết thúc.",
  noAttemptsLeft: "Bạn đã dùng hết số lượt thi của vòng này.",
  notVerified:
    "Cuộc thi này chỉ dành cho tài khoản đã khớp danh sách cán bộ. Vào “Tài khoản của tôi” để chọn tên mình trong danh sách, hoặc nhờ thủ trưởng đơn vị ghép giúp.",
  bankTooSmall: "Ngân hàng câu hỏi chưa đủ câu để tạo đề. Vui lòng báo Ban Tổ chức.",
  attemptNotFound: "Không tìm thấy bài thi.",
  alreadySubmitted: "Bài thi đã được nộp, không thể sửa câu trả lời.",
  tooLate: "Đã hết giờ làm bài: câu trả lời này đến sau thời hạn nên không được ghi nhận.",
  badPosition: "Câu hỏi không có trong đề thi.",
  badChoice: "Phương án trả lời không hợp lệ.",
  badRequest: "Yêu cầu không hợp lệ.",
  badSeq: "Đồng hồ của thiết bị lệch quá xa giờ máy chủ nên câu trả lời không được ghi nhận. Vui lòng tải lại trang.",
  superseded: "Câu này đã được trả lời sau đó (trên thiết bị khác): câu trả lời mới hơn được giữ.",
  busy: "Hệ thống đang bận, vui lòng thử lại sau giây lát.",
} as const;

export type QuizErrorCode = keyof typeof quizMessages;
