import { describe, expect, it } from "vitest";
import { placeDateLine, placeOf, reminderText, vnDateTimeText } from "../../app/core/notices";

describe("notices", () => {
  it("writes a deadline as dd/mm/yyyy hh:mm in Vietnam time", () => {
    // 10:00 UTC is 17:00 in Vietnam; 20:30 UTC is the next day there.
    expect(vnDateTimeText(Date.UTC(2025, 11, 1, 10, 0))).toBe("01/12/2025 17:00");
    expect(vnDateTimeText(Date.UTC(2025, 11, 31, 20, 30))).toBe("01/01/2026 03:30");
  });
  it("writes the place and date line of a document", () => {
    expect(placeDateLine("Thăng Bình", Date.UTC(2025, 4, 4, 18, 0))).toBe("Thăng Bình, ngày 05 tháng 05 năm 2025");
    expect(placeOf("Huyện Thăng Bình")).toBe("Thăng Bình");
    expect(placeOf("UBND xã Bình Nguyên")).toBe("Bình Nguyên");
  });
  it("puts the title, the deadline and the link in the reminder", () => {
    const text = reminderText({ contestTitle: "Cuộc thi CCHC", periodLabel: "Tuần 1", closesAt: Date.UTC(2025, 11, 1, 10, 0), link: "https://thi.example.vn/vong-thi/3", unitName: "Phòng Nội vụ" });
    expect(text).toContain('"Cuộc thi CCHC" (Tuần 1) trước 01/12/2025 17:00 (giờ Việt Nam)');
    expect(text).toContain("https://thi.example.vn/vong-thi/3");
    expect(text.startsWith("Kính gửi các đồng chí cán bộ, công chức Phòng Nội vụ,")).toBe(true);
  });
});
