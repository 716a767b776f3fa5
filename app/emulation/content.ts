import { parse as parseYaml } from "yaml";
import type { Candidate, EvaluationData, Scheme } from "../core/emulation";
import { catalogueSchema, type MovementFile, movementFileSchema } from "./schemas";

/**
 * The shipped movements (content/emulation/*.yaml): parsing, and the mapping of a file's demo figures to
 * the engine's inputs. Pure, so the content test checks the demo without a database; the seed stores the
 * same rows and the platform reads them back through db/emulation.
 */

export function parseMovementFile(text: string, name: string): MovementFile {
  const parsed = movementFileSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${name}: ${first.path.join(".")}: ${first.message}`);
  }
  const m = parsed.data;
  const schemeIds = new Set(m.schemes.map((s) => s.id));
  for (const r of m.demo.registrations) {
    for (const s of r.schemes) if (!schemeIds.has(s)) throw new Error(`${name}: đăng ký của ${r.unit} ghi hình thức "${s}" không có trong phong trào.`);
  }
  return m;
}

export function parseCatalogue(text: string) {
  return catalogueSchema.parse(parseYaml(text));
}

export type DemoIds = {
  unitId(code: string): number;
  personId(unitCode: string, key: string): number;
  unit(code: string): { parentId: number | null; name: string; headcount: number; womenShare: number | null };
};

/** The candidates of each scheme: units and people registered for it (a registration not yet sent is left out). */
export function demoCandidates(m: MovementFile, ids: DemoIds): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>(m.schemes.map((s) => [s.id, []]));
  for (const r of m.demo.registrations) {
    if (r.status === "chua_gui") continue;
    const unitId = ids.unitId(r.unit);
    const u = ids.unit(r.unit);
    for (const schemeId of r.schemes) {
      const scheme = m.schemes.find((s) => s.id === schemeId) as Scheme;
      const list = out.get(schemeId)!;
      if (scheme.target === "collective") {
        list.push({ key: `unit:${unitId}`, target: "collective", name: u.name, unitId, quotaUnitId: u.parentId, headcount: u.headcount, womenShare: u.womenShare });
      } else {
        for (const p of r.people) {
          const personId = ids.personId(r.unit, p.key);
          list.push({ key: `person:${personId}`, target: "individual", name: p.name, unitId, quotaUnitId: unitId, personId, gender: p.gender, headcount: 1 });
        }
      }
    }
  }
  return out;
}

/** The demo figures of a file as engine inputs. */
export function demoData(m: MovementFile, ids: DemoIds): EvaluationData {
  const d = m.demo;
  const personOf = new Map<string, { unit: string }>();
  for (const r of d.registrations) for (const p of r.people) personOf.set(p.key, { unit: r.unit });
  const keyOf = (ref: { unit?: string; person?: string }) => {
    if (ref.unit) return `unit:${ids.unitId(ref.unit)}`;
    const p = personOf.get(ref.person!);
    if (!p) throw new Error(`${m.slug}: không có người "${ref.person}" trong các bản đăng ký.`);
    return `person:${ids.personId(p.unit, ref.person!)}`;
  };
  return {
    year: d.year,
    index: d.index.map((x) => ({ unitId: ids.unitId(x.unit), year: x.year, score: x.score, band: x.band ?? null, rank: x.rank ?? null })),
    initiatives: d.initiatives.map((x) => ({ unitId: ids.unitId(x.unit), year: x.year, registered: x.registered, applied: x.applied })),
    recognitions: d.recognitions.map((x) => ({
      unitId: ids.unitId(x.unit),
      year: x.year,
      scope: x.scope,
      council: x.council,
      personId: x.person ? ids.personId(personOf.get(x.person)?.unit ?? x.unit, x.person) : null,
      title: x.title,
    })),
    participation: d.participation.map((x) => ({ contest: m.linkedContest ?? "", unitId: ids.unitId(x.unit), participants: x.participants, denominator: x.denominator })),
    quiz: [],
    titles: d.titles.map((t) => ({ candidateKey: keyOf(t), year: t.year, title: t.title })),
    declarations: d.declarations.map((x) => ({ candidateKey: keyOf(x), criterionId: x.criterion, value: x.value, evidence: x.evidence, status: x.status, returnReason: x.returnReason ?? null })),
    pending: d.pending.map((x) => ({ candidateKey: keyOf(x), discipline: x.discipline, inspection: x.inspection, complaint: x.complaint })),
  };
}
