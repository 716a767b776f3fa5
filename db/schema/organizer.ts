import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { contests, users } from "./quiz";

/** People the organizer leaves out of a contest's ranking and prizes (the organizers themselves are left out anyway). */
export const rankingExclusions = sqliteTable(
  "ranking_exclusions",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull().default(""),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.userId] }), index("ranking_exclusions_user_idx").on(t.userId)]
);
