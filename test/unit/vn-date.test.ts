import { describe, expect, it } from "vitest";
import {
  dateInputValue,
  dateTimeInputValue,
  parseVnDate,
  parseVnDateTime,
  parseVnTime,
  vnDateField,
  vnDateTimeField,
} from "../../app/core/vn-date";
import { vnLocalToUtc } from "../../app/core/organizer/weeks";

describe("Vietnamese date and time entry, independent of the browser's locale", () => {
  it("reads day/month/year, with or without leading zeros, and the ISO form sent back by a hidden field", () => {
    expect(parseVnDate("01/10/2023")).toBe("2023-10-01");
    expect(parseVnDate("1/7/2025")).toBe("2025-07-01");
    expect(parseVnDate(" 15-11-2023 ")).toBe("2023-11-15");
    expect(parseVnDate("2023-10-01")).toBe("2023-10-01");
  });

  it("refuses what is not a real calendar date, and month/day order", () => {
    expect(parseVnDate("31/02/2024")).toBeNull();
    expect(parseVnDate("29/02/2023")).toBeNull();
    expect(parseVnDate("29/02/2024")).toBe("2024-02-29");
    expect(parseVnDate("10/13/2023")).toBeNull(); // an American 13 October
    expect(parseVnDate("2023-02-30")).toBeNull();
    expect(parseVnDate("01/10/23")).toBeNull();
    expect(parseVnDate("")).toBeNull();
  });

  it("reads a 24-hour time, and refuses 12-hour or out-of-range ones", () => {
    expect(parseVnTime("07:30")).toBe("07:30");
    expect(parseVnTime("7h30")).toBe("07:30");
    expect(parseVnTime("17:00")).toBe("17:00");
    expect(parseVnTime("24:00")).toBeNull();
    expect(parseVnTime("12:60")).toBeNull();
    expect(parseVnTime("5:30 PM")).toBeNull();
  });

  it("reads a moment as Vietnam time: 7h30 on 01/10/2023 is 00:30 UTC", () => {
    const local = parseVnDateTime("01/10/2023 07:30");
    expect(local).toBe("2023-10-01T07:30");
    expect(new Date(vnLocalToUtc(local!)!).toISOString()).toBe("2023-10-01T00:30:00.000Z");
    expect(parseVnDateTime("15/11/2023, 17:00")).toBe("2023-11-15T17:00");
    expect(parseVnDateTime("2023-11-15T17:00")).toBe("2023-11-15T17:00");
    expect(parseVnDateTime("15/11/2023")).toBeNull();
    expect(parseVnDateTime("31/11/2023 08:00")).toBeNull();
  });

  it("shows stored values as the inputs expect them, and leaves what a person typed alone", () => {
    expect(dateInputValue("2025-07-01")).toBe("01/07/2025");
    expect(dateTimeInputValue("2023-10-01T07:30")).toBe("01/10/2023 07:30");
    expect(dateInputValue("1/7/2025")).toBe("1/7/2025");
    expect(dateInputValue(null)).toBe("");
  });

  it("gives a Vietnamese message from the zod fields and the internal form on success", () => {
    expect(vnDateField("Ngày sinh").parse("02/01/1990")).toBe("1990-01-02");
    const bad = vnDateField("Ngày sinh").safeParse("30/02/1990");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe("Ngày sinh không hợp lệ: nhập ngày/tháng/năm, ví dụ 01/10/2023");
    expect(vnDateTimeField("Giờ mở").parse("01/10/2023 07:30")).toBe("2023-10-01T07:30");
    expect(vnDateTimeField("Giờ mở").safeParse("01/10/2023 7:30 SA").success).toBe(false);
  });
});

describe("inside a form schema", () => {
  it("stops at the date's own message: a later check on the object never sees a non-date", async () => {
    const { z } = await import("zod");
    const schema = z
      .object({ opensAt: vnDateTimeField("Giờ mở"), closesAt: vnDateTimeField("Giờ đóng") })
      .refine((r) => r.closesAt > r.opensAt, { message: "Giờ đóng phải sau giờ mở", path: ["closesAt"] });
    const bad = schema.safeParse({ opensAt: "01/10/2023 07:30", closesAt: "31/11/2023 17:00" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      "Giờ đóng không hợp lệ: nhập ngày/tháng/năm giờ:phút (24 giờ), ví dụ 01/10/2023 07:30",
    ]);
    expect(schema.safeParse({ opensAt: "01/10/2023 07:30", closesAt: "15/11/2023 17:00" }).success).toBe(true);
  });
});
