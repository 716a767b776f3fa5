import { describe, expect, it } from "vitest";
import { authorityOf, checkFormLevel, defaultIssuer, formRank, levelRank, ownFormTitle } from "../../app/core/awards/issuer";

describe("the deciding level's issuer and the forms it may grant", () => {
  it("derives a city's issuer from its name, and an office's from its own", () => {
    expect(defaultIssuer("Ủy ban nhân dân thành phố Cần Thơ", null)).toMatchObject({ issuingBody: "Ủy ban nhân dân thành phố Cần Thơ", issuingParent: null, symbol: "UBND", place: "Cần Thơ", signerTitle: "CHỦ TỊCH" });
    expect(defaultIssuer("Ủy ban nhân dân huyện Tuy Phước", null)).toMatchObject({ place: "Tuy Phước", symbol: "UBND" });
    expect(defaultIssuer("Sở Nội vụ", "Ủy ban nhân dân tỉnh Bình Định")).toMatchObject({ issuingParent: "Ủy ban nhân dân tỉnh Bình Định", symbol: "SNV", signerTitle: "THỦ TRƯỞNG" });
    expect(authorityOf({ signerTitle: "CHỦ TỊCH", issuingBody: "Ủy ban nhân dân thành phố Cần Thơ" })).toBe("Chủ tịch Ủy ban nhân dân thành phố Cần Thơ");
    expect(ownFormTitle("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", { signerTitle: "CHỦ TỊCH", issuingBody: "Ủy ban nhân dân thành phố Cần Thơ" })).toBe("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ");
  });

  it("ranks a level by its nearest administrative unit and refuses a form above it", () => {
    expect(levelRank(["phong", "co_quan", "tinh"])).toBe(1);
    expect(levelRank(["co_quan_chuyen_mon", "huyen"])).toBe(2);
    expect(levelRank(["tinh"])).toBe(3);
    expect([formRank("tỉnh"), formRank("huyện"), formRank("cơ quan"), formRank("toàn quốc")]).toEqual([3, 2, 1, 4]);
    expect(checkFormLevel({ name: "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", level: "huyện" }, { name: "Ủy ban nhân dân huyện Tuy Phước", rank: 2 })).toEqual({ ok: true });
    expect(checkFormLevel({ name: "Giấy khen của Thủ trưởng cơ quan", level: "cơ quan" }, { name: "Ủy ban nhân dân thành phố Cần Thơ", rank: 3 })).toEqual({ ok: true });
    expect(checkFormLevel({ name: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", level: "tỉnh" }, { name: "Ủy ban nhân dân huyện Tuy Phước", rank: 2 })).toEqual({
      ok: false,
      message: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh thuộc thẩm quyền cấp tỉnh, thành phố trực thuộc trung ương: Ủy ban nhân dân huyện Tuy Phước là cấp huyện, không được ban hành quyết định khen thưởng hình thức này.",
    });
  });
});
