import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { readIndexSetFile } from "../../app/core/reform-index/content";
import { leaves } from "../../app/core/reform-index/index-set";
import { DEFAULT_BANDS, bandOf, rankByIndex } from "../../app/core/reform-index/scoring";
import type { Db } from "../connection";
import { addCouncilMember, ensureAssessment, insertIndexSet, loadIndexSet, saveEntry, setState, updateAssessment, writeImportedResults } from "./index";

/**
 * The demo's reform index: the communes' results of 2021 and 2022 as the home-affairs office would import them,
 * and the 2023 set open for self-assessment, linked to the demo contest (seed 003's rule), with three communes
 * already submitted so the council has work. Figures are invented for the demo.
 */
export function seedReformIndex(
  db: Db,
  o: { contentDir: string; now: number; communeIds: number[]; organizerUnitId: number | null; contestId: number; chairUserId: number | null; memberUserId: number | null },
): void {
  const file = path.join(o.contentDir, "reform-index", "demo-set.yaml");
  if (!fs.existsSync(file) || o.communeIds.length === 0) return;
  const parsed = readIndexSetFile(parseYaml(fs.readFileSync(file, "utf8")));
  if (!parsed.ok) throw new Error(`content/reform-index/demo-set.yaml: ${parsed.errors.map((e) => `dòng ${e.row} ${e.column}: ${e.message}`).join("; ")}`);

  // Past years, entered outside the platform: a spread of indexes that moves from one year to the next.
  for (const year of [2021, 2022]) {
    const rows = o.communeIds.map((unitId, i) => {
      const index = Math.round((72 + ((i * 37 + year * 11) % 26) + (year - 2021) * 1.5) * 100) / 100;
      return { unitId, index, groupCode: parsed.group };
    });
    const ranked = rankByIndex(rows).map((r) => {
      const band = bandOf(r.index, DEFAULT_BANDS).label;
      return { ...r, band, bandByPoints: band };
    });
    writeImportedResults(db, year, ranked, o.now);
  }

  const { setId } = insertIndexSet(db, {
    year: 2023,
    groupCode: parsed.group,
    title: `${parsed.title} năm 2023`,
    bands: parsed.bands,
    rows: parsed.rows,
    organizerUnitId: o.organizerUnitId,
    unitIds: o.communeIds,
    linkedContestIds: [o.contestId],
    selfDeadlineAt: o.now + 30 * 86_400_000,
  }, o.now);
  setState(db, setId, "open");
  if (o.chairUserId) addCouncilMember(db, { setId, userId: o.chairUserId, isChair: true, unitId: null, partCode: null });
  if (o.memberUserId) addCouncilMember(db, { setId, userId: o.memberUserId, isChair: false, unitId: null, partCode: null });

  // Three communes (after the demo head's own, which stays a draft for them to fill) have sent theirs.
  const set = loadIndexSet(db, setId)!;
  o.communeIds.forEach((unitId, i) => {
    const assessmentId = ensureAssessment(db, setId, unitId, o.now);
    if (i < 3 || i > 5) return;
    for (const row of leaves(set.rows) as typeof set.rows) {
      const m = row.method;
      const weak = (row.code.length + i) % 5 === 0;
      const declared =
        m.kind === "yes_no" ? (weak ? "Không" : "Có")
        : m.kind === "levels" ? m.levels[weak ? 1 : 0].label
        : m.kind === "ratio" ? String(weak ? 70 : 95)
        : m.kind === "steps" ? String(weak ? m.steps[m.steps.length - 1].min : m.steps[0].min)
        : null;
      saveEntry(db, {
        assessmentId,
        row,
        userId: null,
        save: { declared, entered: m.kind === "manual" ? row.maxPoints * (weak ? 0.5 : 1) : null, notApplicable: false, explanation: "Số liệu theo báo cáo năm của đơn vị.", links: [], seq: 1 },
      }, o.now);
    }
    updateAssessment(db, assessmentId, { state: "submitted", submittedAt: o.now }, o.now);
  });
}
