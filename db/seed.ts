import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseLegalTexts, supersededBasis } from "../app/core/organizer/legal";
import { answerIndex, parseQuestionFile } from "../app/core/organizer/question-file";
import { foldVietnamese } from "../app/core/text";
import type { Db } from "./connection";
import { insertQuestion, upsertCategory } from "./quiz/questions";
import { contests, rounds, units } from "./schema";
import { grantRole, insertUser } from "./account/users";
import { linkRosterMatches, replaceRoster } from "./participation/rosters";
import { parseArchiveFile } from "../app/core/initiatives/archive-file";
import { searchText } from "../app/core/initiatives/initiatives";
import { seedInitiativeRegister, seedMovementRegisters } from "./initiative-register/seed";
import { initiativeArchive, initiativeCriteria, initiativeJudges, initiativeSettings } from "./schema";
import { seedReformIndex } from "./reform-index/seed";
import { seedMovements } from "./emulation/seed";
import { seedAwards } from "./awards/seed";

const unitFile = z.object({
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      parent: z.string().nullable(),
      headcount: z.number().int().nonnegative(),
    }),
  ),
});

const contestFile = z.object({
  slug: z.string(),
  title: z.string(),
  organizer_unit: z.string(),
  participation_scope: z.enum(["contest", "round"]),
  rules_md: z.string(),
  organizer_name: z.string().default(""),
  contact_phone: z.string().default(""),
  contact_email: z.string().default(""),
  notice: z.string().default(""),
  rounds: z.array(
    z.object({
      part: z.number().int(),
      kind: z.enum(["quiz", "initiative"]),
      title: z.string(),
      opens_days_from_seed: z.number(),
      closes_days_from_seed: z.number(),
      question_count: z.number().int().default(0),
      time_limit_minutes: z.number().default(0),
      attempts_allowed: z.number().int().default(1),
      shuffle_questions: z.boolean().default(true),
      shuffle_options: z.boolean().default(true),
      review_policy: z.enum(["never", "after_submit", "after_close"]).default("after_close"),
      prediction_prompt: z.string().nullable().default(null),
      draw_rules: z
        .array(z.object({ difficulty: z.enum(["de", "trung_binh", "kho"]).nullable().default(null), count: z.number().int().positive() }))
        .default([]),
      prizes: z.array(z.object({ name: z.string(), count: z.number().int().positive() })).default([]),
    }),
  ),
});

export const DEMO_PASSWORD = "demo12345";

/** The demo accounts the README and the start-up banner list. */
export const DEMO_ACCOUNTS = [
  { phone: "0900000001", fullName: "Quản trị hệ thống", unit: "513-NV", position: "Quản trị viên", role: "admin" },
  { phone: "0900000002", fullName: "Nguyễn Thị Ban Tổ Chức", unit: "513-NV", position: "Chuyên viên Phòng Nội vụ", role: "organizer" },
  { phone: "0900000003", fullName: "Trần Văn Thủ Trưởng", unit: "20794", position: "Chủ tịch UBND xã", role: "unit_head" },
  { phone: "0900000004", fullName: "Lê Thị Giám Khảo", unit: "513-VP", position: "Chánh Văn phòng", role: "judge" },
  { phone: "0900000010", fullName: "Phạm Văn An", unit: "20794", position: "Công chức Văn phòng - Thống kê", role: null },
  { phone: "0900000011", fullName: "Võ Thị Bình", unit: "20791", position: "Công chức Tư pháp - Hộ tịch", role: null },
  { phone: "0900000012", fullName: "Đặng Minh Châu", unit: "513-GDDT", position: "Chuyên viên", role: null },
] as const;

/**
 * Demo staff lists (invented names, clearly demo) for two units, so that the unit head's page has a named
 * list from the start. The demo accounts on them are linked by phone when the seed ends.
 */
const DEMO_ROSTERS: Record<string, { fullName: string; birthDate: string | null; phone: string | null; position: string }[]> = {
  "20794": [
    { fullName: "Trần Văn Thủ Trưởng", birthDate: "1975-04-12", phone: "0900000003", position: "Chủ tịch UBND xã" },
    { fullName: "Phạm Văn An", birthDate: "1990-02-01", phone: "0900000010", position: "Công chức Văn phòng - Thống kê" },
    ...[
      ["Nguyễn Văn Demo Một", "Phó Chủ tịch UBND xã"],
      ["Lê Thị Demo Hai", "Công chức Tư pháp - Hộ tịch"],
      ["Hồ Văn Demo Ba", "Công chức Địa chính - Xây dựng"],
      ["Võ Thị Demo Bốn", "Công chức Tài chính - Kế toán"],
      ["Huỳnh Văn Demo Năm", "Công chức Văn hóa - Xã hội"],
      ["Đỗ Thị Demo Sáu", "Công chức Văn phòng - Thống kê"],
      ["Phan Văn Demo Bảy", "Chỉ huy trưởng Quân sự xã"],
      ["Trương Thị Demo Tám", "Công chức Tư pháp - Hộ tịch"],
    ].map(([fullName, position]) => ({ fullName, birthDate: null, phone: null, position })),
  ],
  "20791": [
    { fullName: "Võ Thị Bình", birthDate: "1988-09-15", phone: "0900000011", position: "Công chức Tư pháp - Hộ tịch" },
    ...[
      ["Nguyễn Thị Demo Chín", "Chủ tịch UBND thị trấn"],
      ["Trần Văn Demo Mười", "Công chức Văn phòng - Thống kê"],
      ["Lê Văn Demo Mười Một", "Công chức Địa chính - Xây dựng"],
      ["Phạm Thị Demo Mười Hai", "Công chức Văn hóa - Xã hội"],
    ].map(([fullName, position]) => ({ fullName, birthDate: null, phone: null, position })),
  ],
};
/** The demo jury's criteria (seed 003 asks for new, practical, replicable ideas). */
export const DEMO_CRITERIA = [
  { name: "Tính mới, sáng tạo", weight: 30, maxScore: 10 },
  { name: "Tính thực tiễn", weight: 25, maxScore: 10 },
  { name: "Khả năng nhân rộng", weight: 20, maxScore: 10 },
  { name: "Hiệu quả mang lại", weight: 15, maxScore: 10 },
  { name: "Chất lượng video", weight: 10, maxScore: 10 },
];

export function isEmpty(db: Db): boolean {
  return db.select({ id: units.id }).from(units).limit(1).all().length === 0;
}

export function loadQuestionFiles(contentDir: string) {
  const dir = path.join(contentDir, "questions");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  return files.map((f) => {
    const parsed = parseQuestionFile(fs.readFileSync(path.join(dir, f), "utf8"), f);
    if (!parsed.ok) throw new Error(`Ngân hàng câu hỏi lỗi:\n${parsed.errors.slice(0, 20).join("\n")}`);
    return parsed.file;
  });
}

/** Seeds the demo contest into an empty database, in one transaction. */
export async function seedDemo(
  db: Db,
  options: { contentDir: string; now: number; hashPassword: (p: string) => Promise<string> },
): Promise<void> {
  const { contentDir, now } = options;
  const unitData = unitFile.parse(JSON.parse(fs.readFileSync(path.join(contentDir, "units.json"), "utf8")));
  const contest = contestFile.parse(parseYaml(fs.readFileSync(path.join(contentDir, "demo-contest.yaml"), "utf8")));
  const questionFiles = loadQuestionFiles(contentDir);
  const legalTextsFile = path.join(contentDir, "legal-texts.yaml");
  const superseded = fs.existsSync(legalTextsFile) ? parseLegalTexts(fs.readFileSync(legalTextsFile, "utf8")) : [];
  const today = new Date(now).toISOString().slice(0, 10);
  const passwordHash = await options.hashPassword(DEMO_PASSWORD);
  const day = 86_400_000;
  const archiveFile = path.join(contentDir, "initiatives-archive.yaml");
  const archive = fs.existsSync(archiveFile) ? parseArchiveFile(fs.readFileSync(archiveFile, "utf8")) : { ok: true as const, items: [] };
  if (!archive.ok) throw new Error(`Kho sáng kiến lỗi:\n${archive.errors.slice(0, 20).join("\n")}`);

  db.transaction(() => {
    const ids = new Map<string, number>();
    unitData.units.forEach((u, i) => {
      const row = db
        .insert(units)
        .values({
          code: u.code,
          name: u.name,
          nameFolded: foldVietnamese(u.name),
          kind: u.kind,
          parentId: u.parent ? ids.get(u.parent) : null,
          headcount: u.headcount,
          sortOrder: i,
        })
        .returning({ id: units.id })
        .get();
      ids.set(u.code, row.id);
    });

    // The shipped bank is the demo organizer's unit's bank: the demo contest draws from it.
    const bankOwner = ids.get(contest.organizer_unit) ?? null;
    for (const file of questionFiles) {
      const categoryId = upsertCategory(db, file.slug, file.category);
      for (const q of file.questions) {
        // Historical questions (resting on a replaced text) stay in the bank as drafts, out of live draws.
        const historical = supersededBasis(q.legal_basis, superseded, today).length > 0;
        insertQuestion(
          db,
          {
            externalId: q.id,
            categoryId,
            ownerUnitId: bankOwner,
            stem: q.stem,
            stemFolded: foldVietnamese(q.stem),
            options: q.options,
            answerIndex: answerIndex(q),
            pinOptions: q.pin_options,
            explanation: q.explanation,
            legalBasis: q.legal_basis,
            asOf: q.as_of,
            difficulty: q.difficulty,
          },
          now,
          historical ? "draft" : "active",
        );
      }
    }

    const contestRow = db
      .insert(contests)
      .values({
        slug: contest.slug,
        title: contest.title,
        rulesMd: contest.rules_md,
        organizerName: contest.organizer_name,
        contactPhone: contest.contact_phone,
        contactEmail: contest.contact_email,
        notice: contest.notice,
        organizerUnitId: ids.get(contest.organizer_unit),
        participationScope: contest.participation_scope,
        createdAt: now,
      })
      .returning({ id: contests.id })
      .get();
    // Windows start on the hour, Vietnam time, so the demo reads like a real plan.
    const hour = 3_600_000;
    const base = Math.floor(now / hour) * hour;
    const initiativeRoundIds: number[] = [];
    for (const r of contest.rounds) {
      const inserted = db.insert(rounds)
        .values({
          contestId: contestRow.id,
          part: r.part,
          kind: r.kind,
          title: r.title,
          opensAt: base + r.opens_days_from_seed * day,
          closesAt: base + r.closes_days_from_seed * day,
          status: "published",
          questionCount: r.question_count,
          timeLimitS: Math.round(r.time_limit_minutes * 60),
          attemptsAllowed: r.attempts_allowed,
          shuffleQuestions: r.shuffle_questions,
          shuffleOptions: r.shuffle_options,
          reviewPolicy: r.review_policy,
          drawRules: r.draw_rules.map((d) => ({ categoryId: null, difficulty: d.difficulty, count: d.count })),
          predictionPrompt: r.prediction_prompt,
          prizeTable: r.prizes,
          createdAt: now,
        })
        .returning({ id: rounds.id })
        .get();
      if (r.kind === "initiative") initiativeRoundIds.push(inserted.id);
    }

    for (const account of DEMO_ACCOUNTS) {
      const user = insertUser(db, {
        fullName: account.fullName,
        phone: account.phone,
        unitId: ids.get(account.unit),
        position: account.position,
        passwordHash,
        consentAt: now,
        createdAt: now,
      });
      if (account.role) {
        const scope = account.role === "unit_head" || account.role === "organizer" ? ids.get(account.unit) : null;
        grantRole(db, user.id, account.role, scope ?? null);
      }
      if (account.role === "judge") for (const roundId of initiativeRoundIds) db.insert(initiativeJudges).values({ roundId, userId: user.id, theme: null }).run();
    }

    // initiatives: the archive of earlier initiatives, the jury's criteria and a 70/30 jury/public blend.
    for (const item of archive.items) {
      db.insert(initiativeArchive)
        .values({ title: item.title, unit: item.unit, province: item.province, year: item.year, summary: item.summary, sourceUrl: item.source, searchFolded: searchText([item.title, item.summary]), importedAt: now })
        .onConflictDoNothing()
        .run();
    }
    for (const roundId of initiativeRoundIds) {
      DEMO_CRITERIA.forEach((c, i) => db.insert(initiativeCriteria).values({ roundId, ...c, sortOrder: i }).run());
      db.insert(initiativeSettings).values({ roundId, voteWeight: 30, voteCap: 3, updatedAt: now }).run();
    }

    for (const [code, rows] of Object.entries(DEMO_ROSTERS)) {
      const unitId = ids.get(code);
      if (unitId !== undefined) replaceRoster(db, unitId, rows.map((r) => ({ ...r, cccd: null })), now);
    }
    seedInitiativeRegister(db, now);
  });
  linkRosterMatches(db, null);
  seedDemoIndex(db, contentDir, now, unitData.units);
  // emulation: the four seeds' movements and Thăng Bình's, after the contest they link to.
  seedMovements(db, contentDir, now, passwordHash);
  seedAwards(db, contentDir, now, passwordHash);
  // the registers of seeds 001 and 004, in the movements' own unit trees.
  seedMovementRegisters(db, now, passwordHash);
}

/** The reform index of the demo: the communes (xã, thị trấn) under the demo district, linked to the demo contest. */
function seedDemoIndex(db: Db, contentDir: string, now: number, fileUnits: { code: string; kind: string }[]) {
  const idOf = (code: string) => db.$client.prepare("SELECT id FROM units WHERE code = ?").pluck().get(code) as number | undefined;
  const userOf = (phone: string) => db.$client.prepare("SELECT id FROM users WHERE phone = ?").pluck().get(phone) as number | undefined;
  const contestId = db.$client.prepare("SELECT id FROM contests ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  if (!contestId) return;
  const communes = fileUnits.filter((u) => u.kind === "xa" || u.kind === "thi_tran").map((u) => idOf(u.code)).filter((id): id is number => id !== undefined);
  // The demo head's commune first: its assessment stays a draft for them to fill.
  const head = idOf("20794");
  const ordered = head ? [head, ...communes.filter((id) => id !== head)] : communes;
  seedReformIndex(db, {
    contentDir,
    now,
    communeIds: ordered,
    organizerUnitId: idOf("513-NV") ?? null,
    contestId,
    chairUserId: userOf("0900000002") ?? null,
    memberUserId: userOf("0900000004") ?? null,
  });
}
