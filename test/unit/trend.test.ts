import { describe, expect, it } from "vitest";
import { formatRate } from "../../app/core/participation/participation";
import { trendSentence } from "../../app/core/participation/trend";

const fmt = (r: number) => formatRate(r);

describe("the sentence under the participation trend", () => {
  it("says there is not enough data for a trend on one day, instead of 'từ 10% lên 10%'", () => {
    const s = trendSentence([{ dayLabel: "01/12", rate: 0.1 }], fmt);
    expect(s).toBe("Ngày 01/12: tỷ lệ tham gia 10%; chưa đủ dữ liệu xu hướng. Mục tiêu 100%.");
    expect(s).not.toMatch(/lên/);
  });

  it("says the rate did not change when the shown rates are equal", () => {
    const s = trendSentence([{ dayLabel: "01/12", rate: 0.1 }, { dayLabel: "02/12", rate: 0.1001 }], fmt);
    expect(s).toBe("Từ 01/12 đến 02/12, tỷ lệ tham gia không đổi (10%); chưa có xu hướng. Mục tiêu 100%.");
  });

  it("says up or down when it moved", () => {
    expect(trendSentence([{ dayLabel: "01/12", rate: 0.1 }, { dayLabel: "03/12", rate: 0.45 }], fmt)).toBe(
      "Từ 01/12 đến 03/12, tỷ lệ tham gia tăng từ 10% lên 45%; mục tiêu 100%.",
    );
    expect(trendSentence([{ dayLabel: "01/12", rate: 0.5 }, { dayLabel: "03/12", rate: 0.4 }], fmt)).toMatch(/giảm từ 50% xuống 40%/);
  });
});
