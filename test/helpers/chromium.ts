import { existsSync } from 'node:fs';
import { getCurrentTest } from '@vitest/runner';
import type { Browser } from 'puppeteer-core';

/** Debian's chromium package (.ci/run installs it); the tests drive it headless, no browser download. */
export const chromiumPath = process.env.FWLINT_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** Starts headless Chromium; skips the test when it is absent, fails under CI=true. */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    const note = `needs Chromium at ${chromiumPath} (Debian package chromium; or set FWLINT_CHROMIUM)`;
    if (process.env.CI === 'true') throw new Error(`${note} (CI=true: a missing browser fails the run)`);
    getCurrentTest()?.context.skip(note);
    throw new Error(note);
  }
  const { launch } = await import('puppeteer-core');
  // --no-sandbox: the tests may run as root, where Chromium refuses its sandbox.
  return launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
}
