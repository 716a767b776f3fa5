import { getDb } from "../../db/connection";
import { listCategories } from "../../db/organizer/organizer";

/** Small lookups the organizer pages share. */
export function listCategoriesForForm() {
  return listCategories(getDb()).map((c) => ({ id: c.id, name: c.name }));
}
