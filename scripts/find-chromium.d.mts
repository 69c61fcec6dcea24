/** The Chromium the e2e tests drive ($CHROMIUM_PATH, /usr/bin/chromium, Playwright's own), or null. */
export function findChromium(): Promise<string | null>;
