import type http from "node:http";
import { createSession } from "../../app/account/session.server";
import type { IndexRow, ScoringMethod } from "../../app/core/reform-index/index-set";
import { closeDb, getDb } from "../../db/connection";
import { insertIndexSet, setState } from "../../db/reform-index";
import { pool, send, sleep } from "./http-load";

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

type IndexWorkload = {
  agent: http.Agent;
  port: number;
  setId: number;
  heads: { unitId: number; cookie: string }[];
  leafRows: { id: number; method: ScoringMethod }[];
};

function rowSave(w: IndexWorkload, head: { unitId: number }, u: number, k: number, seq: number) {
  const row = w.leafRows[k];
  return {
    setId: w.setId,
    unitId: head.unitId,
    rowId: row.id,
    ...typedValue(row.method, u + k),
    notApplicable: false,
    explanation: "Đã thực hiện theo kế hoạch, có báo cáo kèm theo.",
    links: ["https://vanban.example.gov.vn/bao-cao.pdf"],
    seq,
  };
}

const okSave = (r: { status: number; body: string }) => {
  try {
    return r.status === 200 && (JSON.parse(r.body) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
};

/**
 * The stress model: 20 clients, each a unit head filling unit after unit, row after row, every row one POST
 * /chi-so-cchc/luu as the autosave sends it, the next sent as soon as the last is answered (no pause at all:
 * twenty people could not type this fast; it is the ceiling of the save path under twenty connections).
 */
export async function indexSavesWithoutPause(w: IndexWorkload, clients = 20, url = "/chi-so-cchc/luu") {
  const latencies: number[] = [];
  let errors = 0;
  const start = Date.now();
  await pool(w.heads, clients, async (head, u) => {
    for (let k = 0; k < w.leafRows.length; k++) {
      const r = await send(w.agent, w.port, "POST", url, head.cookie, rowSave(w, head, u, k, k + 1));
      latencies.push(r.ms);
      if (!okSave(r)) errors++;
    }
  });
  return { latencies, errors, seconds: (Date.now() - start) / 1000 };
}

/**
 * The typing model: 20 people, each filling their own unit row after row. The page sends a row 700 ms after
 * the last keystroke (app/reform-index/useRowAutosave.ts), and a person reads the criterion, picks or types
 * the value and a line of explanation: one save every 1 to 2 s per person is brisk typing (a row of the real
 * set takes most people far longer). Here each person waits 1–2 s (uniform) after each acknowledged save;
 * twenty of them send 10–20 saves a second together, and every save still writes the entry, the assessment's
 * time and an audit line.
 */
// Above any seq of the stress model, so that every typed save writes (none is an acknowledged replay).
const TYPING_SEQ = 1_000_000;

export async function indexSavesTyping(w: IndexWorkload, opts: { people?: number; seconds: number; firstUnit: number }) {
  const people = w.heads.slice(opts.firstUnit, opts.firstUnit + (opts.people ?? 20));
  const latencies: number[] = [];
  let errors = 0;
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const end = Date.now() + opts.seconds * 1000;
  await Promise.all(
    people.map(async (head, i) => {
      // The twenty do not start in step.
      await sleep(rand() * 2000);
      for (let k = 0; Date.now() < end; k++) {
        const r = await send(w.agent, w.port, "POST", "/chi-so-cchc/luu", head.cookie, rowSave(w, head, opts.firstUnit + i, k % w.leafRows.length, TYPING_SEQ + k));
        latencies.push(r.ms);
        if (!okSave(r)) errors++;
        await sleep(1000 + rand() * 1000);
      }
    }),
  );
  return { latencies, errors, people: people.length, seconds: opts.seconds };
}
