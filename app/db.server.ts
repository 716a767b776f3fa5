// Routes reach the database only through .server modules, so none of it reaches the browser bundle.
export { getDb } from "../db/connection";
