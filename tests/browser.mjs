// Shared helper for tests that drive headless Chromium: Debian's /usr/bin/chromium (never a
// downloaded browser) through playwright-core, against pages served from 127.0.0.1 by
// scripts/serve.mjs. Used by tests/js/browser.test.mjs; the sample-page tests can reuse it.
//
//   import { openPage } from "../browser.mjs";
//   const { page, base, close } = await openPage({ mounts: { "/tests/": "tests" } });
//   await page.goto(`${base}/tests/js/blank.html`);
//   ...
//   await close();
import { existsSync } from "node:fs";
import { startServer } from "../scripts/serve.mjs";

/** Where Chromium is: $CHROMIUM, else Debian's package (scripts/setup.sh --browser installs it). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** No GPU, no sandbox (tests run as root), and no background traffic: this machine's network is closed. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Whether a browser test can run here (the caller decides whether a missing browser is a skip or a failure). */
export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

/** Launches Chromium (a fresh temporary profile each time). */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Serves the repository's www/ and pkg/ (plus `mounts`, URL prefix → directory relative to the
 * repository root) on an ephemeral 127.0.0.1 port, opens a page and collects its uncaught errors
 * and console errors in `errors`. `close()` stops the browser and the server.
 */
export async function openPage({ mounts = {} } = {}) {
  const server = await startServer(0, { mounts });
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
    const close = async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    };
    return { page, base, errors, close };
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}
