import { describe, expect, it } from "vitest";
import { byDate, deadlineProblem, latestDay, moveProblem, type DeadlineDraft } from "../../app/core/emulation/deadlines";

/** Seed 004 (Cần Thơ, 2019): the departments' dossiers by 10/12, forwarded to the city by 20/01 of the next year. */
const period = { start: "2019-06-10", end: "2019-11-30" };
const dossier: DeadlineDraft = { id: 1, label: "Phòng, bộ phận gửi hồ sơ", date: "2019-12-10", time: null, kind: "dossier" };
const forward: DeadlineDraft = { id: 2, label: "Hội đồng gửi hồ sơ về thành phố", date: "2020-01-20", time: null, kind: "forward" };

describe("a movement's deadlines", () => {
  it("accepts seed 004's dossier and forwarding deadlines after the period's end", () => {
    expect(deadlineProblem(dossier, [forward], period)).toBeNull();
    expect(deadlineProblem(forward, [dossier], period)).toBeNull();
  });

  it("keeps registration and evidence within the period, the summing-up within a year after it", () => {
    expect(latestDay("registration", "2019-11-30")).toBe("2019-11-30");
    expect(latestDay("appraisal", "2019-11-30")).toBe("2020-11-30");
    expect(latestDay("other", "2024-02-29")).toBe("2025-02-28");
    expect(deadlineProblem({ label: "Đăng ký", date: "2019-12-01", time: null, kind: "registration" }, [], period)).toBe("Hạn “Đăng ký” (01/12/2019) phải trong thời gian của phong trào (đến 30/11/2019).");
    expect(deadlineProblem({ label: "Họp", date: "2019-06-09", time: null, kind: "other" }, [], period)).toBe("Hạn “Họp” (09/06/2019) không được trước ngày bắt đầu phong trào (10/06/2019).");
  });

  it("orders dossier after registration and forwarding after the dossiers, hours included", () => {
    const reg: DeadlineDraft = { label: "Đăng ký", date: "2019-07-01", time: "17:00", kind: "registration" };
    expect(deadlineProblem({ ...dossier, date: "2019-07-01", time: "16:00" }, [reg], period)).toBe("Hạn nộp hồ sơ (01/07/2019) không được trước hạn đăng ký thi đua (01/07/2019).");
    expect(deadlineProblem({ ...dossier, date: "2019-07-01", time: "17:00" }, [reg], period)).toBeNull();
    expect(deadlineProblem({ ...forward, date: "2019-12-09" }, [dossier], period)).toBe("Hạn gửi hồ sơ lên cấp trên (09/12/2019) không được trước hạn các đơn vị nộp hồ sơ (10/12/2019).");
    expect(deadlineProblem({ ...dossier, date: "2020-01-21" }, [forward], period)).toBe("Hạn nộp hồ sơ (21/01/2020) không được sau hạn gửi hồ sơ lên cấp trên (20/01/2020).");
  });

  it("moves a launched deadline only later; a day without an hour ends at 23:59", () => {
    expect(moveProblem({ date: "2019-12-10", time: null }, { date: "2019-12-10", time: "17:00" })).toMatch(/chỉ lùi hạn về sau/);
    expect(moveProblem({ date: "2019-12-10", time: "17:00" }, { date: "2019-12-10", time: null })).toBeNull();
    expect(moveProblem({ date: "2019-12-10", time: null }, { date: "2019-12-10", time: null })).toBe("Hạn mới trùng với hạn đã công bố.");
    expect(byDate([forward, { ...dossier, time: "08:00" }, dossier]).map((d) => d.time ?? d.kind)).toEqual(["08:00", "dossier", "forward"]);
  });
});
