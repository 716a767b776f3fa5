import * as q from "../../db/awards/queries";
import { getDb } from "../../db/connection";
import { listUnits } from "../../db/participation/units";
import { STATE_LABEL, type ProposalState } from "../core/awards";
import type { CurrentUser } from "../account/session.server";
import type { SheetSpec } from "../excel.server";
import { requireOrganizer } from "./dossier.server";

/** The movement's figures for the year: proposals by state, awards by form and level, by unit, women's share. */
export function awardsReport(user: CurrentUser, movementId: number) {
  const db = getDb();
  const { m } = requireOrganizer(user, movementId);
  const names = new Map(listUnits(db).map((u) => [u.id, u.name]));
  const proposals = q.proposalsOf(db, movementId);
  const awarded = q.awardsOfMovement(db, movementId);
  const byState = (Object.keys(STATE_LABEL) as ProposalState[]).map((s) => ({ state: STATE_LABEL[s], count: proposals.filter((p) => p.state === s).length }));
  const forms = new Map<string, { title: string; level: string; collective: number; individual: number }>();
  for (const a of awarded) {
    const k = `${a.title}|${a.level}`;
    const row = forms.get(k) ?? { title: a.title, level: a.level, collective: 0, individual: 0 };
    row[a.target]++;
    forms.set(k, row);
  }
  const units = new Map<number, { unit: string; proposed: number; awarded: number }>();
  for (const p of proposals) {
    const row = units.get(p.proposerUnitId) ?? { unit: names.get(p.proposerUnitId) ?? "", proposed: 0, awarded: 0 };
    row.proposed++;
    if (p.state === "da_khen_thuong") row.awarded++;
    units.set(p.proposerUnitId, row);
  }
  const people = awarded.filter((a) => a.target === "individual");
  const women = people.filter((a) => a.gender === "nu").length;
  const collectives = awarded.filter((a) => a.target === "collective");
  const womenCollectives = collectives.filter((a) => (proposals.find((p) => p.id === a.proposalId)?.womenShare ?? 0) >= 70).length;
  return {
    movement: { id: m.id, title: m.title, year: m.year, slug: m.slug },
    byState,
    byForm: [...forms.values()],
    byUnit: [...units.values()],
    women: { individuals: people.length, women, share: people.length ? women / people.length : null, collectives: collectives.length, womenCollectives },
  };
}

export function awardsSheets(user: CurrentUser, movementId: number): { sheets: SheetSpec[]; filename: string } {
  const r = awardsReport(user, movementId);
  return {
    filename: `khen-thuong-${r.movement.slug}-${r.movement.year}.xlsx`,
    sheets: [
      { name: "Hồ sơ theo trạng thái", columns: [{ header: "Trạng thái", width: 28 }, { header: "Số hồ sơ", width: 12 }], rows: r.byState.map((x) => [x.state, x.count]) },
      { name: "Theo hình thức, cấp", columns: [{ header: "Hình thức", width: 50 }, { header: "Cấp", width: 14 }, { header: "Tập thể", width: 10 }, { header: "Cá nhân", width: 10 }], rows: r.byForm.map((x) => [x.title, x.level, x.collective, x.individual]) },
      { name: "Theo đơn vị", columns: [{ header: "Đơn vị", width: 40 }, { header: "Đề nghị", width: 10 }, { header: "Được khen thưởng", width: 18 }], rows: r.byUnit.map((x) => [x.unit, x.proposed, x.awarded]) },
      {
        name: "Nữ",
        columns: [{ header: "Chỉ tiêu", width: 50 }, { header: "Số", width: 12 }],
        rows: [
          ["Cá nhân được khen thưởng", r.women.individuals],
          ["Trong đó nữ", r.women.women],
          ["Tập thể được khen thưởng", r.women.collectives],
          ["Trong đó tập thể có từ 70% nữ", r.women.womenCollectives],
        ],
      },
    ],
  };
}
