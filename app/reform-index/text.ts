/** Words the reform-index pages show, in one place. */
export const assessmentStateText = {
  draft: "Đang tự đánh giá",
  submitted: "Đã gửi, chờ thẩm định",
  returned: "Bị trả lại để bổ sung",
  appraised: "Đã thẩm định",
  closed: "Đã công bố",
} as const;

export const setStateText = {
  draft: "Bản nháp",
  open: "Đang tự đánh giá",
  appraising: "Đang thẩm định",
  published: "Đã công bố",
} as const;
