import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quarryOrigin } from './export/jobs';
import { appRoot, appVersion } from './paths';

describe('the app version, read at run time from the app root', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

  it('is the version in package.json, and REFI-QDA files name it as their origin', () => {
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(appVersion()).toBe(pkg.version);
    expect(quarryOrigin()).toBe(`Quarry ${pkg.version}`);
    expect(readFileSync(`${appRoot()}/package.json`, 'utf8')).toContain('"name": "quarry"');
  });
});
