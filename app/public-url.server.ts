import { env } from "./env.server";

/**
 * The origin people reach the site at: PUBLIC_ORIGIN when set (behind a proxy the request's own host may
 * be an internal name), else the request's origin. Share links, Open Graph tags and reminders use it.
 */
export function publicOrigin(request: Request): string {
  return env().PUBLIC_ORIGIN ?? new URL(request.url).origin;
}
