import { describe, expect, it } from "vitest";
import { distinctUnitLabels } from "../../app/core/text";

describe("unit labels in the picker", () => {
  it("shows a unique name alone and a repeated one with the nearest parents that tell it apart", () => {
    const labels = distinctUnitLabels([
      { id: 1, name: "Xã Bình Dương", path: ["Huyện Thăng Bình", "Tỉnh Quảng Nam"] },
      { id: 2, name: "Phòng Nội vụ", path: ["Huyện Thăng Bình", "Tỉnh Quảng Nam"] },
      { id: 3, name: "Phòng Nội vụ", path: ["Huyện Quế Sơn", "Tỉnh Quảng Nam"] },
      { id: 4, name: "Văn phòng", path: ["UBND xã", "Huyện A"] },
      { id: 5, name: "Văn phòng", path: ["UBND xã", "Huyện B"] },
    ]);
    expect(labels.get(1)).toBe("Xã Bình Dương");
    expect(labels.get(2)).toBe("Phòng Nội vụ, Huyện Thăng Bình");
    expect(labels.get(3)).toBe("Phòng Nội vụ, Huyện Quế Sơn");
    expect(labels.get(4)).toBe("Văn phòng, UBND xã, Huyện A");
    expect(labels.get(5)).toBe("Văn phòng, UBND xã, Huyện B");
  });
});
