import type { Figures } from "../../app/core/awards/docx/documents";
import type { Db } from "../connection";
import { publishedResults } from "../reform-index/index";
import { registerInitiativesForReport } from "../initiative-register/figures";
import { awardsOfPerson, awardsOfUnit } from "./queries";

export type { Figures };


/**
 * Recognised initiatives of a unit (or of one registered person) in the years. One function so the
 * initiatives register, when it lands, replaces the emulation's imported figures here and nowhere else.
 */
export function recognisedInitiatives(db: Db, unitId: number, years: number[], personId: number | null, personUserId: number | null = null): Figures["initiatives"] {
  // The register's years replace the imported ones, as in the emulation criteria; a person is its author by account.
  const register = registerInitiativesForReport(db, unitId, years, personId === null ? null : (personUserId ?? -1));
  const imported = db.$client
    .prepare(
      `SELECT year, title, scope, council FROM initiative_recognitions
        WHERE unit_id = ? AND year IN (SELECT value FROM json_each(?)) AND (? IS NULL OR person_id = ?) ORDER BY year, id`,
    )
    .all(unitId, JSON.stringify(years.filter((y) => !register.years.includes(y))), personId, personId) as Figures["initiatives"];
  return [...imported, ...register.items].sort((a, b) => a.year - b.year);
}

const stmtCache = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return {
    unit: db.$client.prepare("SELECT u.id, u.name, u.headcount, u.women_share AS womenShare, p.name AS parentName FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?"),
    contests: db.$client.prepare(
      `SELECT c.id, c.title, s.participants, s.denominator, CASE WHEN s.score_n > 0 THEN s.score_sum / s.score_n END AS averageScore
         FROM participation_stats s JOIN contests c ON c.id = s.contest_id WHERE s.unit_id = ? AND s.round_id = 0 ORDER BY c.id`,
    ),
    personBest: db.$client.prepare(
      `SELECT MAX(a.score) FROM attempts a JOIN rounds r ON r.id = a.round_id WHERE r.contest_id = ? AND a.user_id = ? AND a.submitted_at IS NOT NULL`,
    ),
    groupSize: db.$client.prepare("SELECT COUNT(*) FROM index_results WHERE year = ? AND group_code = ?"),
    // Imported results may come without a rank (0): the place among the group's results of the year stands in.
    place: db.$client.prepare("SELECT COUNT(*) + 1 FROM index_results WHERE year = ? AND group_code = ? AND index_value > ?"),
    titles: db.$client.prepare("SELECT year, title, decision FROM emulation_titles WHERE candidate_key = ? ORDER BY year"),
  };
}

export function figuresFor(db: Db, c: { unitId: number; year: number; candidateKey: string; personUserId: number | null; emulationPersonId: number | null; target: "collective" | "individual" }): Figures {
  let st = stmtCache.get(db);
  if (!st) stmtCache.set(db, (st = prepare(db)));
  const unit = st.unit.get(c.unitId) as Figures["unit"];
  const contests = (st.contests.all(c.unitId) as { id: number; title: string; participants: number; denominator: number; averageScore: number | null }[]).map((r) => ({
    title: r.title,
    participants: r.participants,
    denominator: r.denominator,
    averageScore: r.averageScore,
    personBest: c.personUserId !== null ? ((st.personBest.pluck().get(r.id, c.personUserId) as number | null) ?? null) : null,
  }));
  const years = [c.year - 1, c.year];
  const index = publishedResults(db, { years, unitIds: [c.unitId] }).map((r) => ({
    year: r.year,
    index: r.index,
    band: r.band,
    rank: r.rank > 0 ? r.rank : (st.place.pluck().get(r.year, r.groupCode, r.index) as number),
    groupSize: st.groupSize.pluck().get(r.year, r.groupCode) as number,
  }));
  const initiatives = recognisedInitiatives(db, c.unitId, [c.year], c.target === "individual" ? c.emulationPersonId : null, c.personUserId);
  const decided = c.target === "collective" ? awardsOfUnit(db, c.unitId) : c.personUserId !== null ? awardsOfPerson(db, c.personUserId) : [];
  const history = [
    ...(st.titles.all(c.candidateKey) as { year: number; title: string; decision: string | null }[]).map((t) => ({ ...t, date: null, issuer: null })),
    ...decided.filter((a) => a.year < c.year || a.candidateKey !== c.candidateKey).map((a) => ({ year: a.year, title: a.title, decision: a.number, date: a.date, issuer: a.issuingBody })),
  ].sort((a, b) => a.year - b.year);
  return { unit, contests, index, initiatives, history };
}
