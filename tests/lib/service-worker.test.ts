import { describe, expect, it, vi } from 'vitest';
import { watchForNewVersion } from '../../src/lib/service-worker';

const post = (target: EventTarget, data: unknown) =>
  target.dispatchEvent(new MessageEvent('message', { data }));

describe('a newer build taking over the tab', () => {
  it('is reported when the worker that activates is of another build', () => {
    const container = new EventTarget();
    const version = watchForNewVersion(container, 'build-1');
    const listener = vi.fn();
    version.subscribe(listener);
    expect(version.available()).toBe(false);
    post(container, { type: 'activated', build: 'build-2' });
    expect(version.available()).toBe(true);
    post(container, { type: 'activated', build: 'build-3' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('is not reported for the page’s own build (a first visit, or a tab already up to date)', () => {
    const container = new EventTarget();
    const version = watchForNewVersion(container, 'build-1');
    post(container, { type: 'activated', build: 'build-1' });
    expect(version.available()).toBe(false);
  });

  it('ignores other messages, and reports nothing when the page names no build', () => {
    const container = new EventTarget();
    const version = watchForNewVersion(container, 'build-1');
    for (const data of [null, 'activated', { type: 'activated' }, { type: 'other', build: 'x' }])
      post(container, data);
    expect(version.available()).toBe(false);
    const unnamed = new EventTarget();
    const dev = watchForNewVersion(unnamed, undefined);
    post(unnamed, { type: 'activated', build: 'build-2' });
    expect(dev.available()).toBe(false);
  });

  it('stops telling a listener that unsubscribed', () => {
    const container = new EventTarget();
    const version = watchForNewVersion(container, 'build-1');
    const listener = vi.fn();
    version.subscribe(listener)();
    post(container, { type: 'activated', build: 'build-2' });
    expect(listener).not.toHaveBeenCalled();
  });
});
