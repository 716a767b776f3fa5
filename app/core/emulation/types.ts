/**
 * Types of the emulation criteria engine (phong trào thi đua). Plain data in, plain data out: the engine
 * never reads a database. Everything it needs from other features (the reform index, the initiatives
 * register, the contests) arrives through the narrow readers below, so imported figures can stand in
 * until those features exist.
 */

export type Target = "collective" | "individual";

/** Rating bands of the reform index, best first. Thresholds are province settings, not ours. */
export const BANDS = ["xuat_sac", "tot", "kha", "trung_binh", "yeu"] as const;
export type Band = (typeof BANDS)[number];

export const SCOPES = ["co_so", "tinh", "toan_quoc"] as const;
export type InitiativeScope = (typeof SCOPES)[number];

export type Criterion = { id: string; label: string } & CriterionRule;

export type CriterionRule =
  /** The unit's contest participation rate (seed 003: 100%, else not "Tốt"). For a person: their unit's. */
  | { kind: "participation_rate"; contest: string; minRate: number }
  /** A person's best quiz score in a contest, or a unit's average; minScore 0 means "took part". */
  | { kind: "quiz_score"; contest: string; minScore: number }
  /** The reform index of the unit for the year (offset 0) or an earlier one (offset -1). */
  | { kind: "index_score"; minScore: number; yearOffset?: number }
  | { kind: "index_rank"; maxRank: number; yearOffset?: number }
  | { kind: "index_band"; minBand: Band; yearOffset?: number }
  /** At least minYears of the years from..to (offsets from the evaluated year) at minScore or more. */
  | { kind: "index_years"; minScore: number; minYears: number; fromOffset: number; toOffset: number; consecutive?: boolean }
  /**
   * Initiatives of the unit (or, for a person, those they authored) in the year: registered, recognised
   * (at a scope or above, optionally by a named council), applied (share of the registered ones).
   */
  | { kind: "initiatives"; measure: "registered" | "recognised" | "applied_share"; min: number; minScope?: InitiativeScope; council?: string }
  /** A title or award held in each of the `years` years before the evaluated one ("2 năm liên tục"). */
  | { kind: "past_titles"; title: string; years: number }
  /** Declared by the unit with evidence and appraised by the organizer: a yes/no, or a number compared. */
  | { kind: "declared_boolean"; expected: boolean }
  | { kind: "declared_number"; op: ">=" | "<=" | "="; target: number; unit?: string }
  /** Disqualifying: a declared count above a share of the headcount (seed 002: late staff > 10%). */
  | { kind: "disqualify_share"; maxShare: number }
  /** Disqualifying (NĐ 152/2025 Điều 4): discipline, an inspection or a complaint pending. */
  | { kind: "disqualify_pending" };

export type CriterionKind = CriterionRule["kind"];

export type Quota = { type: "total"; n: number } | { type: "per_unit"; n: number } | { type: "none" };

export type RankBy = "index_score" | "quiz_score" | "none";

export type Scheme = {
  id: string;
  title: string;
  /** The catalogue form or title (Giấy khen, Bằng khen, Tập thể lao động xuất sắc, ...). */
  form: string;
  /** The name of an organizer's own form (code "rieng-…"), which the catalogue does not hold. */
  formName?: string;
  target: Target;
  level: string;
  quota: Quota;
  rankBy: RankBy;
  /** The contest whose scores rank candidates when rankBy is quiz_score. */
  rankContest?: string;
  criteria: Criterion[];
};

export type Candidate = {
  key: string;
  target: Target;
  name: string;
  /** The unit a collective is, or the unit a person belongs to. */
  unitId: number;
  /** The unit a per-unit quota counts against: a person's unit, a collective's parent. */
  quotaUnitId: number | null;
  quotaUnitName?: string;
  personId?: number;
  gender?: "nam" | "nu" | null;
  womenShare?: number | null;
  headcount: number;
};

export type IndexResult = { score: number; band: Band | null; rank: number | null };

/** The narrow interface to the reform index (imported figures until that feature lands). */
export interface ReformIndexReader {
  result(unitId: number, year: number): IndexResult | undefined;
}

/** personIds: every author of an initiative the register holds (personId stays the single imported author). */
export type Recognition = { scope: InitiativeScope; council: string | null; personId: number | null; personIds?: number[]; title: string };
export type InitiativeSummary = { registered: number; applied: number; recognitions: Recognition[] };

/** The narrow interface to the initiatives register (imported figures until that feature lands). */
export interface InitiativeReader {
  ofUnit(unitId: number, year: number): InitiativeSummary;
}

export type Declaration = {
  value: number | boolean | null;
  evidence: string | null;
  status: "pending" | "accepted" | "returned";
  returnReason?: string | null;
};

export type PendingCases = { discipline: boolean; inspection: boolean; complaint: boolean };

export type EvaluationContext = {
  year: number;
  index: ReformIndexReader;
  initiatives: InitiativeReader;
  /** Participants and denominator of a unit's subtree in a contest. */
  participation(contest: string, unitId: number): { participants: number; denominator: number } | undefined;
  /** A person's best score (candidate with personId) or a unit's average score; undefined when none. */
  quizScore(contest: string, candidate: Candidate): number | undefined;
  titles(candidate: Candidate): { year: number; title: string }[];
  declaration(candidate: Candidate, criterionId: string): Declaration | undefined;
  pendingCases(candidate: Candidate): PendingCases;
};

export type Outcome = "met" | "not_met" | "missing_evidence" | "disqualified";

export type CriterionResult = { criterionId: string; outcome: Outcome; reason: string };

export type Standing =
  | "selected"
  | "over_quota"
  | "not_met"
  | "missing_evidence"
  | "disqualified";

export type CandidateResult = {
  key: string;
  name: string;
  target: Target;
  unitId: number;
  quotaUnitId: number | null;
  outcome: "qualified" | Exclude<Outcome, "met">;
  results: CriterionResult[];
  rankValue: number | null;
  priority: boolean;
  standing: Standing;
  /** The place among the qualified of its quota group (1-based), null when not qualified. */
  place: number | null;
  note: string | null;
};

export type SchemeEvaluation = {
  schemeId: string;
  title: string;
  target: Target;
  quota: Quota;
  candidates: CandidateResult[];
  selected: string[];
};
