import { findUserById } from "../../db/account/users";
import type { Db } from "../../db/connection";
import type { AuthorRow } from "../../db/initiative-register/queries";

/** Authors as the form shows them: with the phone of a linked account, so a re-save keeps the link. */
export function authorsForForm(db: Db, authors: AuthorRow[]) {
  return authors.map((a) => ({ fullName: a.fullName, share: a.share, phone: a.userId ? (findUserById(db, a.userId)?.phone ?? null) : null }));
}

export function idParam(value: string | undefined | null): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Response("Không tìm thấy trang.", { status: 404 });
  return n;
}
