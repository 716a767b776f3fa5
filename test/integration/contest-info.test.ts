import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { contestRules, footerInfo } from "../../app/quiz/contest-info.server";
import { updateContest } from "../../app/organizer/organizer.server";
import type { CurrentUser } from "../../app/account/session.server";
import { rounds } from "../../db/schema";
import { insertUser } from "../../db/account/users";
import { closeWebQueues } from "../../workers/queues";
import { seedQuizFixture, useFreshDatabase } from "../helpers/db";

const env = useFreshDatabase("contest-info");

afterAll(async () => {
  await closeWebQueues();
  env.cleanup();
});

describe("the rules and the footer come from the contest's data", () => {
  it("shows the organizer, hotline and prizes an organizer saved, and nothing for an unpublished contest", () => {
    const { contest, round } = seedQuizFixture(env.db, { round: { status: "draft", prizeTable: [{ name: "Giải Nhất", count: 1 }, { name: "Giải Ba", count: 2 }] } });
    expect(footerInfo()).toBeNull();
    expect(contestRules(contest.id)).toBeNull();

    env.db.update(rounds).set({ status: "published" }).where(eq(rounds.id, round.id)).run();
    const user = insertUser(env.db, { fullName: "Ban Tổ chức", phone: "0911000003", passwordHash: "x", createdAt: Date.now() });
    const organizer: CurrentUser = { id: user.id, fullName: user.fullName, phone: user.phone, unitId: null, unitName: null, position: null, roles: [{ role: "admin", unitId: null }] };
    updateContest(organizer, contest.id, {
      title: "Cuộc thi thử",
      rulesMd: "### Đối tượng dự thi\nCán bộ, công chức.",
      partsText: "",
      organizerName: "Sở Nội vụ thành phố Đà Nẵng",
      contactPhone: "0236 3000 000",
      contactEmail: "",
      notice: "",
    });

    expect(footerInfo()).toEqual({ contestId: contest.id, organizerName: "Sở Nội vụ thành phố Đà Nẵng", contactPhone: "0236 3000 000", contactEmail: "" });
    const rules = contestRules(contest.id)!;
    expect(rules.outline).toEqual(["Đối tượng dự thi", "Giải thưởng", "Ban Tổ chức và liên hệ"]);
    expect(rules.prizes).toEqual([{ round: round.title, summary: "1 giải Nhất và 2 giải Ba" }]);

    // Saving without the contact fields (another caller) keeps them.
    updateContest(organizer, contest.id, { title: "Cuộc thi thử", rulesMd: "", partsText: "" });
    expect(footerInfo()?.organizerName).toBe("Sở Nội vụ thành phố Đà Nẵng");
  });
});
