// Finds the Chromium the e2e tests drive, and installs Debian's where none is
// there and the machine allows it. `npm run test:e2e` runs this before
// Playwright; playwright.config.ts imports findChromium() to pick the same one.
//
// Order: $CHROMIUM_PATH, /usr/bin/chromium (Debian's package), Playwright's own
// download (only if it was installed). Playwright's download needs the network
// and libraries Debian's package pulls in anyway, so the fallback installs the
// package, as root or with passwordless sudo, when apt-get exists. Anything
// else stops with one line that says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const HOW = 'run `sudo apt-get install -y chromium`, or `npx playwright install --with-deps chromium`, or set CHROMIUM_PATH=/path/to/chrome';

/** Playwright's own Chromium, when it has been downloaded; null otherwise. */
async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * The browser to use, or null when there is none. A CHROMIUM_PATH that does
 * not exist is an error, not a reason to look elsewhere: the user asked for it.
 */
export async function findChromium() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (!existsSync(wanted)) throw new Error(`e2e needs Chromium: CHROMIUM_PATH=${wanted} does not exist; ${HOW}`);
    return wanted;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return playwrightChromium();
}

/** How to run apt-get here: directly as root, through passwordless sudo, or not at all. */
function aptGet() {
  if (!existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return ['apt-get'];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n', 'apt-get'] : null;
}

function run(cmd, args) {
  process.stderr.write(`find-chromium: ${[cmd, ...args].join(' ')}\n`);
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
}

/** Debian's chromium, installed with apt-get (after an update when the package lists are stale). */
function installDebianChromium(apt) {
  const [cmd, ...pre] = apt;
  const install = [...pre, 'install', '-y', '--no-install-recommends', 'chromium'];
  if (run(cmd, install) === 0 && existsSync(DEBIAN_CHROMIUM)) return true;
  return run(cmd, [...pre, 'update']) === 0 && run(cmd, install) === 0 && existsSync(DEBIAN_CHROMIUM);
}

async function main() {
  let found;
  try {
    found = await findChromium();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  if (!found) {
    const apt = aptGet();
    if (!apt) {
      process.stderr.write(`e2e needs Chromium and none was found: ${HOW}\n`);
      return 1;
    }
    if (!installDebianChromium(apt)) {
      process.stderr.write(`e2e needs Chromium: \`${apt.join(' ')} install -y chromium\` failed (see above); ${HOW}\n`);
      return 1;
    }
    found = DEBIAN_CHROMIUM;
  }
  process.stdout.write(`e2e browser: ${found}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
