/**
 * Renders content/share/og-image.svg to public/og-image.png (1200×630, the size Facebook and Zalo previews
 * use) with the system Chromium: `node --import tsx content/share/render-og-image.ts`. The PNG is committed,
 * so this runs only when the picture changes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = fs.readFileSync(path.join(here, "og-image.svg"), "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
await page.screenshot({ path: path.join(here, "../../public/og-image.png"), clip: { x: 0, y: 0, width: 1200, height: 630 } });
await browser.close();
