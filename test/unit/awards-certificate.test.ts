import { describe, expect, it } from "vitest";
import { certificateNoun } from "../../app/core/awards/admin-text";

describe("the printed sheet's name", () => {
  it("calls a Bằng khen a bằng khen and keeps giấy khen for the other forms", () => {
    expect(certificateNoun("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ")).toEqual({ lower: "bằng khen", title: "Bằng khen" });
    expect(certificateNoun("Giấy khen của Chủ tịch Ủy ban nhân dân huyện Tuy Phước")).toEqual({ lower: "giấy khen", title: "Giấy khen" });
    expect(certificateNoun(undefined).lower).toBe("giấy khen");
  });
});
