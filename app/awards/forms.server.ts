// The catalogue's form names are read in db/awards/templates.ts, shared with the workers.
export { formName } from "../../db/awards/templates";
