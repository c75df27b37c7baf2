import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachesToDelete, isMisservedAsset, shellNeedsRemaking } from '../src/sw-caches';

const shell = (build: string) => `paperboy-shell-${build}`;

describe('the caches a new build deletes when it takes over', () => {
  it('keeps its own shell and the previous build’s, and deletes older ones', () => {
    const keys = ['paperboy-data', shell('a'), shell('b'), shell('c'), shell('d')];
    expect(cachesToDelete(keys, shell('d'))).toEqual([shell('a'), shell('b')]);
  });

  it('keeps the one shell there is on a first install, and the shared data cache always', () => {
    expect(cachesToDelete([shell('a')], shell('a'))).toEqual([]);
    expect(cachesToDelete(['paperboy-data', shell('a'), shell('b')], shell('b'))).toEqual([]);
  });

  it('deletes the per-version data caches of earlier builds', () => {
    expect(cachesToDelete(['paperboy-data-x1', shell('a'), shell('b')], shell('b'))).toEqual([
      'paperboy-data-x1',
    ]);
  });

  it('leaves caches it did not make alone', () => {
    expect(cachesToDelete(['other-app', shell('a'), shell('b'), shell('c')], shell('c'))).toEqual([
      shell('a'),
    ]);
  });
});

describe('a build installed again', () => {
  it('remakes its cache only when another shell was made after it', () => {
    expect(shellNeedsRemaking([shell('a'), shell('b')], shell('a'))).toBe(true);
    expect(shellNeedsRemaking([shell('a'), shell('b')], shell('b'))).toBe(false);
    expect(shellNeedsRemaking([shell('a')], shell('c'))).toBe(false);
    expect(shellNeedsRemaking(['paperboy-data', shell('a')], shell('a'))).toBe(false);
  });
});

/**
 * Deploys, rollbacks, the same build twice and failed installs, played against a model of the
 * cache storage (names in creation order) the way the worker's install and activate use the
 * rules. The model of what must stay is the activation history itself: after each activation,
 * exactly this build's shell and that of the last other build that was active.
 */
describe('across any run of deploys', () => {
  it('always keeps the shells of the current and the previously active build', () => {
    const installs = fc.array(
      fc.record({ build: fc.constantFrom('a', 'b', 'c', 'd'), fails: fc.boolean() }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(installs, (runs) => {
        let keys: string[] = ['paperboy-data'];
        const active: string[] = [];
        for (const { build, fails } of runs) {
          // keepShell in src/sw-template.js: fill (a failed fill deletes only a cache it
          // made), then make the cache again when another shell is newer.
          const current = shell(build);
          const made = !keys.includes(current);
          if (made) keys.push(current);
          if (fails) {
            if (made) keys = keys.filter((k) => k !== current);
            continue;
          }
          if (shellNeedsRemaking(keys, current))
            keys = [...keys.filter((k) => k !== current), current];
          const doomed = cachesToDelete(keys, current);
          keys = keys.filter((k) => !doomed.includes(k));
          const previous = active.findLast((b) => b !== build);
          active.push(build);
          const expected = [current, ...(previous ? [shell(previous)] : [])].sort();
          expect(keys.filter((k) => k.startsWith('paperboy-shell-')).sort()).toEqual(expected);
          expect(keys).toContain('paperboy-data');
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('an HTML page where a script or style was asked for', () => {
  it.each([
    ['/assets/paper-page-abc.js', 'text/html; charset=utf-8', true],
    ['/assets/index-abc.css', 'text/html', true],
    ['/assets/chunk.mjs', 'TEXT/HTML', true],
    ['/assets/paper-page-abc.js', 'text/javascript', false],
    ['/assets/index-abc.css', 'text/css', false],
    ['/assets/paper-page-abc.js', null, false],
    ['/index.html', 'text/html', false],
    ['/favicon.svg', 'text/html', false],
  ])('%s served as %s: %s', (path, type, misserved) => {
    expect(isMisservedAsset(path, type)).toBe(misserved);
  });
});
