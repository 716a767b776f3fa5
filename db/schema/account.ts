import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./quiz";

/**
 * A one-time password reset link created by an organizer or a unit head. Only the SHA-256 of the token is
 * stored: the link itself is shown once to whoever hands it over.
 */
export const passwordResetTokens = sqliteTable(
  "password_reset_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [uniqueIndex("password_reset_tokens_hash_uq").on(t.tokenHash), index("password_reset_tokens_user_idx").on(t.userId)],
);

/** The address an account was registered from, for the "many accounts from one address" signal. */
export const signupAddresses = sqliteTable(
  "signup_addresses",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("signup_addresses_at_idx").on(t.at)],
);
