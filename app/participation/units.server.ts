import { getDb } from "../../db/connection";
import { listUnits, subtreeIds } from "../../db/participation/units";
import { distinctUnitLabels } from "../core/text";

/**
 * Units people can belong to, each with the path of its parents for telling namesakes apart. With `within`,
 * only that unit and the units below it (an initiative is sent for one's own unit or its subtree).
 */
export function unitOptions(within?: number | null) {
  const all = listUnits(getDb());
  const allowed = within === undefined ? null : new Set(within === null ? [] : subtreeIds(getDb(), [within]));
  const rows = allowed ? all.filter((u) => allowed.has(u.id)) : all;
  const byId = new Map(rows.map((u) => [u.id, u]));
  const pathOf = (id: number | null): string[] => {
    const names: string[] = [];
    for (let u = id === null ? undefined : byId.get(id); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) {
      names.push(u.name);
    }
    return names;
  };
  const parents = new Set(rows.map((u) => u.parentId));
  const shown = rows
    .filter((u) => !parents.has(u.id) || u.headcount > 0 || u.id === within)
    .map((u) => ({ id: u.id, name: u.name, path: pathOf(u.parentId) }));
  const labels = distinctUnitLabels(shown);
  // `path` stays whole for the search ("thang binh" finds the district's units); `label` is what a line shows.
  return shown.map((u) => ({ id: u.id, name: u.name, label: labels.get(u.id) ?? u.name, path: u.path.join(", ") }));
}
