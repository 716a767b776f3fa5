import { createSession } from "../../app/account/session.server";
import type { IndexRow, ScoringMethod } from "../../app/core/reform-index/index-set";
import { closeDb, getDb } from "../../db/connection";
import { insertIndexSet, setState } from "../../db/reform-index";

/**
 * The reform-index workload of the bench (issue 14, "Scale"): an open index set of 4 parts × 30 leaves (120
 * rows to fill), `units` of the bench's units taking part, each with its unit head and a signed session, and
 * the linked contest's participation figures (a third of the units below 100%, so the seed 003 cap is at work
 * in the ranking). Runs in the bench process on the bench's database before the web server starts.
 */
export function prepareReformIndex(options: { unitIds: number[]; now: number }) {
  const db = getDb();
  const methods: ScoringMethod[] = [
    { kind: "yes_no" },
    { kind: "ratio" },
    { kind: "steps", steps: [{ min: 100, points: 2 }, { min: 80, points: 1 }, { min: 0, points: 0 }] },
    { kind: "levels", levels: [{ label: "Tốt", points: 2 }, { label: "Khá", points: 1 }, { label: "Chưa đạt", points: 0 }] },
    { kind: "manual" },
  ];
  const rows: IndexRow[] = [];
  for (let part = 1; part <= 4; part++) {
    const code = ["I", "II", "III", "IV"][part - 1];
    rows.push({ code, stt: code, parentCode: null, title: `Lĩnh vực thử tải ${code}`, maxPoints: 25, method: { kind: "manual" }, evidence: "", allowNotApplicable: false, bonus: false, source: null });
    for (let i = 1; i <= 30; i++) {
      rows.push({
        code: `${code}.${i}`,
        stt: String(i),
        parentCode: code,
        title: `Tiêu chí thử tải ${code}.${i}: kết quả thực hiện nhiệm vụ cải cách hành chính được giao`,
        maxPoints: i <= 10 ? 1 : 0.75,
        method: methods[i % methods.length],
        evidence: "Văn bản, báo cáo kèm số liệu",
        allowNotApplicable: i % 10 === 0,
        bonus: false,
        source: null,
      });
    }
  }
  const contestId = (db.$client.prepare("INSERT INTO contests (slug, title, created_at) VALUES ('bench-cchc', 'Cuộc thi CCHC thử tải', ?) RETURNING id").pluck().get(options.now)) as number;
  const insertStat = db.$client.prepare(
    "INSERT INTO participation_stats (contest_id, round_id, unit_id, basis, own_participants, own_denominator, participants, denominator, updated_at) VALUES (?, 0, ?, 'headcount', ?, 50, ?, 50, ?)",
  );
  const { setId } = insertIndexSet(db, {
    year: 2025,
    groupCode: "bench",
    title: "Bộ chỉ số CCHC thử tải",
    bands: [
      { label: "Xuất sắc", min: 90 },
      { label: "Tốt", min: 80 },
      { label: "Khá", min: 70 },
      { label: "Trung bình", min: 50 },
      { label: "Yếu", min: 0 },
    ],
    rows,
    organizerUnitId: null,
    unitIds: options.unitIds,
    linkedContestIds: [contestId],
    selfDeadlineAt: options.now + 30 * 86_400_000,
  });
  setState(db, setId, "open");
  const insertUser = db.$client.prepare(
    "INSERT INTO users (full_name, phone, unit_id, position, password_hash, consent_at, created_at) VALUES (?, ?, ?, 'Thủ trưởng', 'x', ?, ?)",
  );
  const grant = db.$client.prepare("INSERT INTO role_grants (user_id, role, unit_id) VALUES (?, 'unit_head', ?)");
  const heads: { unitId: number; cookie: string }[] = [];
  db.transaction(() => {
    options.unitIds.forEach((unitId, i) => {
      const participants = i % 3 === 0 ? 45 : 50;
      insertStat.run(contestId, unitId, participants, participants, options.now);
      const userId = Number(insertUser.run(`Thủ trưởng đơn vị ${i + 1}`, `07${String(i).padStart(8, "0")}`, unitId, options.now, options.now).lastInsertRowid);
      grant.run(userId, unitId);
      heads.push({ unitId, cookie: createSession(userId, options.now).split(";")[0] });
    });
  });
  const leafRows = (db.$client.prepare("SELECT id, code FROM index_rows WHERE set_id = ? AND code LIKE '%.%' ORDER BY position").all(setId) as { id: number; code: string }[]).map(
    (r) => ({ ...r, method: rows.find((x) => x.code === r.code)!.method }),
  );
  closeDb();
  return { setId, heads, leafRows };
}

/** What a person types in a row: a value the row's method accepts, varied by unit and row. */
export function typedValue(method: ScoringMethod, k: number): { declared: string | null; entered: number | null } {
  switch (method.kind) {
    case "yes_no":
      return { declared: k % 5 === 0 ? "Không" : "Có", entered: null };
    case "ratio":
      return { declared: String(60 + (k % 41)), entered: null };
    case "steps":
      return { declared: String(70 + (k % 40)), entered: null };
    case "levels":
      return { declared: method.levels[k % method.levels.length].label, entered: null };
    case "manual":
      return { declared: null, entered: (k % 4) * 0.25 };
  }
}
