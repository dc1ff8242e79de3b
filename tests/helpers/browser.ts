import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (apt-get install chromium; .ci/run installs it when missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Screenshots of the browser tests, kept after the run for people to look at (git-ignored). */
export const SCREENSHOTS = path.join(__dirname, "../output/screenshots");

/**
 * Headless Chromium driven by playwright-core. Playwright gives it a fresh profile folder and
 * removes it on close. The flags keep Chromium from calling Google's hosts, which this
 * machine's closed network refuses (and which would slow every start).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
