import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { EvaluationData } from "../../app/core/emulation/context";
import { STORED_VERSION, storeCandidates } from "../../app/core/emulation/snapshot";
import { BAND_LABEL } from "../../app/core/emulation/text";
import type { Candidate, Scheme } from "../../app/core/emulation/types";
import type { Db } from "../connection";
import { contests } from "../schema";
import { awardTitlesFor } from "../awards/queries";
import { initiativeFigures, recognisedInitiatives } from "../initiative-register/figures";
import { type JsonAnswer, type JsonQuery, readJsonParts, sha256 } from "./worker-connection";
import { getMovement, schemesOf } from "./queries";

/**
 * What one evaluation of a movement reads: the schemes, each scheme's candidates (the units and people of
 * every sent registration that names it), and the figures their criteria need (EvaluationData).
 *
 * The large tables (people, declarations, titles, recognitions, index results) are written as JSON by SQLite
 * itself, as UTF-8 bytes: that text is parsed once for the rules, and the very same bytes are hashed and
 * stored as the snapshot's inputs, so 100,000 rows are neither turned into objects by the driver nor
 * serialised again (see serializeInputs).
 */

const BASE_YEARS_BACK = 10;

/** Two JSON arrays as one, without parsing either: `[a…]` and `[b…]` give `[a…,b…]` (and a's hash when b is empty). */
function joinArrays(a: JsonAnswer, b: string): JsonAnswer {
  if (b.length <= 2) return a;
  if (a.bytes.length <= 2) return { bytes: Buffer.from(b), sha256: sha256(b) };
  const bytes = Buffer.concat([a.bytes.subarray(0, a.bytes.length - 1), Buffer.from(","), Buffer.from(b.slice(1))]);
  return { bytes, sha256: sha256(bytes) };
}

const parse = <T>(bytes: Buffer): T => JSON.parse(bytes.toString("utf8")) as T;

/** The reform index stores a band by its label ("Xuất sắc"); the criteria compare keys (xuat_sac). */
const BAND_KEY_SQL = `CASE band ${Object.entries(BAND_LABEL)
  .map(([key, label]) => `WHEN '${label}' THEN '${key}'`)
  .join(" ")} END`;

/** One part of the data (a key of EvaluationData other than the year) as JSON bytes, with their sha256. */
export type InputPart = { name: (typeof PART_ORDER)[number]; bytes: Buffer; sha256: string };
const PART_ORDER = ["index", "initiatives", "recognitions", "participation", "quiz", "titles", "declarations", "pending"] as const satisfies readonly (keyof EvaluationData)[];

export type MovementInputs = {
  movement: NonNullable<ReturnType<typeof getMovement>>;
  year: number;
  schemes: (Scheme & { dbId: number })[];
  candidates: Map<string, Candidate[]>;
  data: EvaluationData;
  /** `data` as JSON, part by part, exactly as parsed into `data`: what the snapshot stores. */
  parts: InputPart[];
};

/** The sent registrations of movement @movement, and among them those naming a scheme for collectives or individuals. */
const SENT = `sent AS (SELECT id, unit_id, scheme_codes FROM emulation_registrations WHERE movement_id = @movement AND status != 'chua_gui')`;
const naming = (target: "collective" | "individual") =>
  `EXISTS (SELECT 1 FROM json_each(sent.scheme_codes) j JOIN emulation_schemes s ON s.movement_id = @movement AND s.code = j.value AND s.target = '${target}')`;

/**
 * The large reads, each one JSON array written by SQLite, from the movement's id and year alone (so a
 * second connection can run them at once, see worker-connection.ts).
 */
function largeReads(movementId: number, y: number): JsonQuery[] {
  const rows = (row: string, from: string) => `SELECT CAST(json_group_array(${row}) AS BLOB) ${from}`;
  return [
    {
      name: "people",
      // By id within each registration: the order in which a registration lists its people.
      sql: `WITH ${SENT} ${rows("json_array(id, registration_id, full_name, gender, user_id)", "FROM emulation_people WHERE registration_id IN (SELECT id FROM sent)")}`,
      params: [{ movement: movementId }],
    },
    {
      name: "index",
      // The rank is among every unit with a result that year, so the index rows of the year are read for all units.
      sql: `WITH ${SENT} ${rows(
        `json_object('unitId', unit_id, 'year', year, 'score', index_value, 'band', ${BAND_KEY_SQL}, 'rank', CASE WHEN rank > 0 THEN rank END)`,
        "FROM index_results WHERE year BETWEEN @from AND @year AND (year = @year OR unit_id IN (SELECT unit_id FROM sent))",
      )}`,
      params: [{ movement: movementId, from: y - BASE_YEARS_BACK, year: y }],
    },
    {
      name: "recognitions",
      // The initiatives recognised as imported, for the units whose year the initiatives register does not hold
      // (anything but a draft filed there, as initiativeFigures counts it): the register's own are added after.
      sql: `WITH ${SENT} ${rows(
        "json_object('unitId', unit_id, 'year', year, 'scope', scope, 'council', council, 'personId', person_id, 'title', title) ORDER BY id",
        `FROM initiative_recognitions WHERE year = @year AND unit_id IN (SELECT unit_id FROM sent)
           AND unit_id NOT IN (SELECT unit_id FROM ir_requests WHERE year = @year AND state != 'draft')`,
      )}`,
      params: [{ movement: movementId, year: y }],
    },
    {
      name: "titles",
      // The titles kept for the candidates: a unit of a registration naming a collective scheme, a person of one
      // naming an individual scheme. A key is unit:<id> or person:<id>; the id is compared as a number, and the
      // key checked to be exactly that form.
      sql: `WITH ${SENT}, individual AS (SELECT id FROM sent WHERE ${naming("individual")}), collective AS (SELECT unit_id FROM sent WHERE ${naming("collective")})
        ${rows(
          "json_object('candidateKey', candidate_key, 'year', year, 'title', title)",
          `FROM emulation_titles WHERE CASE
            WHEN substr(candidate_key, 1, 7) = 'person:' THEN CAST(substr(candidate_key, 8) AS INTEGER) IN (SELECT id FROM emulation_people WHERE registration_id IN (SELECT id FROM individual))
                 AND candidate_key = 'person:' || CAST(substr(candidate_key, 8) AS INTEGER)
            WHEN substr(candidate_key, 1, 5) = 'unit:' THEN CAST(substr(candidate_key, 6) AS INTEGER) IN (SELECT unit_id FROM collective)
                 AND candidate_key = 'unit:' || CAST(substr(candidate_key, 6) AS INTEGER)
            ELSE 0 END`,
        )}`,
      params: [{ movement: movementId }],
    },
    {
      name: "declarations",
      // Evidence is a link or, failing that, the latest file uploaded for the same candidate and criterion.
      sql: rows(
        `json_object('candidateKey', d.candidate_key, 'criterionId', d.criterion_code, 'value', json(d.value),
           'evidence', COALESCE(d.evidence, (SELECT 'tệp: ' || f.file_name FROM emulation_evidence_files f
              WHERE f.movement_id = d.movement_id AND f.candidate_key = d.candidate_key AND f.criterion_code = d.criterion_code ORDER BY f.id DESC LIMIT 1)),
           'status', d.status, 'returnReason', d.return_reason)`,
        "FROM emulation_declarations d WHERE d.movement_id = @movement",
      ),
      params: [{ movement: movementId }],
    },
    {
      name: "pending",
      sql: rows(
        `json_object('candidateKey', candidate_key, 'discipline', json(iif(discipline, 'true', 'false')),
           'inspection', json(iif(inspection, 'true', 'false')), 'complaint', json(iif(complaint, 'true', 'false')))`,
        "FROM emulation_pending_cases WHERE movement_id = @movement",
      ),
      params: [{ movement: movementId }],
    },
  ];
}

/**
 * From this many people and units (a movement's sent registrations), an evaluation is large: it reads on a
 * second connection (worker-connection.ts), and the web asks the worker to run it rather than running it
 * while a person waits (app/emulation/evaluate.server.ts). Below it, an evaluation takes milliseconds.
 */
export const LARGE_EVALUATION = 10_000;

/** The people and units of a movement's sent registrations: the size of its evaluation. */
export function evaluationSize(db: Db, movementId: number): number {
  return db.$client
    .prepare(`WITH ${SENT} SELECT (SELECT count(*) FROM sent) + (SELECT count(*) FROM emulation_people WHERE registration_id IN (SELECT id FROM sent))`)
    .pluck()
    .get({ movement: movementId }) as number;
}

export function movementInputs(db: Db, movementId: number, year?: number, opts: { parallel?: boolean } = {}): MovementInputs | undefined {
  const movement = getMovement(db, movementId);
  if (!movement) return undefined;
  const y = year ?? movement.year;
  // The large reads start first, on their own connection when they are large; this thread reads the rest meanwhile.
  const take = readJsonParts(db, largeReads(movementId, y), { parallel: opts.parallel ?? evaluationSize(db, movementId) >= LARGE_EVALUATION });
  const schemes = schemesOf(db, movementId);
  const regs = sentRegistrations(db, movementId);
  const unitById = unitsOf(db, regs);
  const unitIds = [...unitById.keys()];
  const inUnits = JSON.stringify(unitIds);
  const c = db.$client;

  // Where the initiatives register holds a unit's year, its figures replace the imported ones.
  const register = initiativeFigures(db, { years: [y], unitIds });
  const fromRegister = JSON.stringify(register.units.map((u) => u.unitId));
  const imported = c
    .prepare(
      `SELECT unit_id AS unitId, year, registered, applied FROM initiative_counts
        WHERE year = ? AND unit_id IN (SELECT value FROM json_each(?)) AND unit_id NOT IN (SELECT value FROM json_each(?))`,
    )
    .all(y, inUnits, fromRegister) as EvaluationData["initiatives"];
  const initiatives = [...imported, ...register.units.map((u) => ({ unitId: u.unitId, year: u.year, registered: u.registered, applied: u.applied }))];
  const registerRecognitions = recognisedInitiatives(db, { years: [y], unitIds });
  const { participation, quiz } = contestFigures(db, schemes, inUnits, JSON.stringify(regs.map((r) => r.id)));

  // Each part is parsed as soon as it is here, in the order the worker writes them: this thread parses the
  // titles while the worker's connection still writes the declarations.
  const data = { year: y } as EvaluationData;
  const parts: InputPart[] = [];
  const add = <K extends InputPart["name"]>(name: K, answer: JsonAnswer, value?: EvaluationData[K]) => {
    parts.push({ name, ...answer });
    data[name] = value ?? parse<EvaluationData[K]>(answer.bytes);
  };
  const own = (x: unknown): JsonAnswer => {
    const bytes = Buffer.from(JSON.stringify(x));
    return { bytes, sha256: sha256(bytes) };
  };
  add("initiatives", own(initiatives), initiatives);
  add("participation", own(participation), participation);
  add("quiz", own(quiz), quiz);

  const people = parse<PersonRow[]>(take("people").bytes);
  const candidates = candidatesOf(schemes, regs, unitById, people);
  add("index", take("index"));
  const personOfUser = new Map<number, number>();
  for (const p of people) if (p[4] !== null) personOfUser.set(p[4], p[0]);
  const registerScope = { co_so: "co_so", cap_huyen: "co_so", cap_tinh: "tinh" } as const;
  add(
    "recognitions",
    joinArrays(
      take("recognitions"),
      JSON.stringify(
        registerRecognitions.map((r) => {
          const personIds = r.authorUserIds.map((u) => personOfUser.get(u)).filter((id): id is number => id !== undefined);
          return { unitId: r.unitId, year: r.year, scope: registerScope[r.scope], council: r.council, personId: personIds[0] ?? null, personIds, title: r.title };
        }),
      ),
    ),
  );
  // The titles of the candidates: those kept for them (emulation_titles), then the awards decided on the
  // platform (hồ sơ thành tích), which "past_titles" reads too.
  add("titles", joinArrays(take("titles"), JSON.stringify(awardTitles(db, movementId, candidates, people))));
  add("declarations", take("declarations"));
  add("pending", take("pending"));
  // The stored order, whatever the order of arrival.
  parts.sort((a, b) => PART_ORDER.indexOf(a.name) - PART_ORDER.indexOf(b.name));
  return { movement, year: y, schemes, candidates, data, parts };
}

type SentRegistration = { id: number; unitId: number; schemeCodes: string[] };

/** The sent registrations (not "chưa gửi"), in the order of their units. */
function sentRegistrations(db: Db, movementId: number): SentRegistration[] {
  const rows = db.$client
    .prepare(
      `SELECT r.id, r.unit_id, r.scheme_codes FROM emulation_registrations r JOIN units u ON u.id = r.unit_id
        WHERE r.movement_id = ? AND r.status != 'chua_gui' ORDER BY u.sort_order, u.id`,
    )
    .raw()
    .all(movementId) as [number, number, string][];
  return rows.map(([id, unitId, codes]) => ({ id, unitId, schemeCodes: JSON.parse(codes) as string[] }));
}

/**
 * The awards decided on the platform for the candidates (awardTitlesFor), with a look first whether any
 * award touches the movement's units or people at all: most movements have none yet, and the look-up per
 * candidate is then not needed.
 */
function awardTitles(db: Db, movementId: number, candidates: Map<string, Candidate[]>, people: readonly PersonRow[]) {
  const any = db.$client
    .prepare(
      `WITH ${SENT}, persons AS (SELECT id, user_id FROM emulation_people WHERE registration_id IN (SELECT id FROM sent))
       SELECT EXISTS (SELECT 1 FROM awards a WHERE a.unit_id IN (SELECT unit_id FROM sent)
         OR a.person_user_id IN (SELECT user_id FROM persons WHERE user_id IS NOT NULL)
         OR a.candidate_key IN (SELECT 'person:' || id FROM persons))`,
    )
    .pluck()
    .get({ movement: movementId });
  if (!any) return [];
  const userOf = new Map<number, number | null>();
  for (const p of people) userOf.set(p[0], p[4]);
  const all = new Map<string, Candidate>();
  for (const list of candidates.values()) for (const cand of list) if (!all.has(cand.key)) all.set(cand.key, cand);
  const forAwards: Parameters<typeof awardTitlesFor>[1] = [];
  for (const cand of all.values()) forAwards.push({ key: cand.key, unitId: cand.unitId, target: cand.target, userId: cand.personId === undefined ? null : (userOf.get(cand.personId) ?? null) });
  return awardTitlesFor(db, forAwards);
}

type UnitRow = { id: number; name: string; parentId: number | null; headcount: number; womenShare: number | null };

function unitsOf(db: Db, regs: readonly SentRegistration[]): Map<number, UnitRow> {
  const rows = regs.length
    ? (db.$client
        .prepare(`SELECT id, name, parent_id AS parentId, headcount, women_share AS womenShare FROM units WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(regs.map((r) => r.unitId))) as UnitRow[])
    : [];
  return new Map(rows.map((u) => [u.id, u]));
}

/** [id, registration id, full name, gender, account] of a registered person, as SQLite wrote it. */
type PersonRow = [number, number, string, "nam" | "nu" | null, number | null];

/** Each scheme's candidates: a collective scheme's units, an individual scheme's people, in registration order. */
function candidatesOf(schemes: readonly Scheme[], regs: readonly SentRegistration[], unitById: Map<number, UnitRow>, people: readonly PersonRow[]) {
  // Grouped once: a movement of 2,000 units and 100,000 people would otherwise scan every person per unit.
  const peopleByReg = new Map<number, PersonRow[]>();
  for (const p of people) {
    const list = peopleByReg.get(p[1]);
    if (list) list.push(p);
    else peopleByReg.set(p[1], [p]);
  }
  const schemeByCode = new Map<string, Scheme>();
  for (const s of schemes) if (!schemeByCode.has(s.id)) schemeByCode.set(s.id, s);
  const candidates = new Map<string, Candidate[]>(schemes.map((s) => [s.id, []]));
  for (const r of regs) {
    const u = unitById.get(r.unitId)!;
    for (const code of r.schemeCodes) {
      const s = schemeByCode.get(code);
      if (!s) continue;
      const list = candidates.get(code)!;
      if (s.target === "collective") {
        list.push({ key: `unit:${u.id}`, target: "collective", name: u.name, unitId: u.id, quotaUnitId: u.parentId, headcount: u.headcount, womenShare: u.womenShare });
      } else {
        for (const p of peopleByReg.get(r.id) ?? []) {
          list.push({ key: `person:${p[0]}`, target: "individual", name: p[2], unitId: u.id, quotaUnitId: u.id, quotaUnitName: u.name, personId: p[0], gender: p[3], headcount: 1 });
        }
      }
    }
  }
  return candidates;
}

/** Participation rates and quiz scores of the contests the criteria (or a scheme's ranking) name. */
function contestFigures(db: Db, schemes: readonly Scheme[], inUnits: string, inRegistrations: string) {
  const contestSlugs = new Set<string>();
  for (const s of schemes) {
    for (const c of s.criteria) if (c.kind === "participation_rate" || c.kind === "quiz_score") contestSlugs.add(c.contest);
    if (s.rankContest) contestSlugs.add(s.rankContest);
  }
  const participation: EvaluationData["participation"] = [];
  const quiz: EvaluationData["quiz"] = [];
  for (const slug of contestSlugs) {
    const contest = db.select({ id: contests.id }).from(contests).where(eq(contests.slug, slug)).get();
    if (!contest) continue;
    for (const row of db.$client
      .prepare(`SELECT unit_id AS unitId, participants, denominator FROM participation_stats WHERE contest_id = ? AND round_id = 0 AND unit_id IN (SELECT value FROM json_each(?))`)
      .all(contest.id, inUnits) as { unitId: number; participants: number; denominator: number }[]) {
      participation.push({ contest: slug, ...row });
    }
    for (const row of db.$client
      .prepare(
        `SELECT u.unit_id AS unitId, MAX(a.score) AS score FROM attempts a JOIN rounds r ON r.id = a.round_id JOIN users u ON u.id = a.user_id
          WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL AND a.score IS NOT NULL AND u.unit_id IN (SELECT value FROM json_each(?)) GROUP BY a.user_id`,
      )
      .all(contest.id, inUnits) as { unitId: number; score: number }[]) {
      quiz.push({ contest: slug, personId: null, unitId: row.unitId, score: row.score });
    }
    for (const row of db.$client
      .prepare(
        `SELECT p.id AS personId, MAX(a.score) AS score FROM emulation_people p JOIN attempts a ON a.user_id = p.user_id JOIN rounds r ON r.id = a.round_id
          WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL AND a.score IS NOT NULL AND p.registration_id IN (SELECT value FROM json_each(?)) GROUP BY p.id`,
      )
      .all(contest.id, inRegistrations) as { personId: number; score: number }[]) {
      quiz.push({ contest: slug, personId: row.personId, unitId: null, score: row.score });
    }
  }
  return { participation, quiz };
}

/**
 * The inputs' hash: the schemes, the candidates (as the columns the snapshot stores, serialised once here)
 * and each part of the data by its sha256. Equal hashes, equal inputs: a run on them stores nothing.
 */
export function serializeInputs(inputs: Pick<MovementInputs, "schemes" | "candidates" | "year" | "parts">) {
  const storedCandidates = storeCandidates(inputs.schemes, inputs.candidates);
  const candidatesJson = storedCandidates.map((c) => JSON.stringify(c));
  const h = createHash("sha256").update(`{"v":${STORED_VERSION},"s":`).update(JSON.stringify(inputs.schemes)).update(',"c":[');
  candidatesJson.forEach((c, i) => h.update(i ? `,${c}` : c));
  h.update(`],"y":${inputs.year},"d":${JSON.stringify(inputs.parts.map((p) => [p.name, p.sha256]))}}`);
  return { hash: h.digest("hex").slice(0, 32), year: inputs.year, parts: inputs.parts, storedCandidates, candidatesJson };
}
