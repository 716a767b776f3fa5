import { getDb } from "../../db/connection";
import { inboxOf, insertNotifications, markAllRead, unreadCount } from "../../db/emulation/notifications";

/**
 * The one place that sends notifications. Today the channel is the in-app inbox; an e-mail or SMS channel
 * would be added here and nowhere else.
 */
export type Notice = { userId: number; kind: "launch" | "returned" | "review" | "missing_evidence" | "deadline" | "council" | "assignment"; title: string; body: string; link: string | null; dedupeKey?: string };

export function send(notices: Notice[], now = Date.now()): number {
  return insertNotifications(getDb(), notices.map((n) => ({ ...n, dedupeKey: n.dedupeKey ?? null })), now);
}

export function inbox(userId: number) {
  return inboxOf(getDb(), userId);
}

export function unread(userId: number): number {
  return unreadCount(getDb(), userId);
}

export function readAll(userId: number, now = Date.now()): void {
  markAllRead(getDb(), userId, now);
}
