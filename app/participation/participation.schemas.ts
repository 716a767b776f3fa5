import { z } from "zod";

/** Query strings of the participation pages: ids only, anything else is ignored. */
const id = z.coerce.number().int().positive().optional().catch(undefined);

export const headQuerySchema = z.object({ u: id, c: id, v: id });

export function parseHeadQuery(url: URL) {
  const q = headQuerySchema.parse(Object.fromEntries(url.searchParams));
  return { unitId: q.u ?? null, contestId: q.c ?? null, roundId: q.v ?? null };
}
