import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { NewVersionBanner } from '../../src/app/shell/new-version';
import { watchForNewVersion } from '../../src/lib/service-worker';

describe('the new version banner', () => {
  it('is an empty live region until a newer build takes over, then offers Reload', () => {
    const container = new EventTarget();
    render(<NewVersionBanner source={watchForNewVersion(container, 'build-1')} />);
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    act(() => {
      container.dispatchEvent(
        new MessageEvent('message', { data: { type: 'activated', build: 'build-2' } }),
      );
    });
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('A new version of Paperboy is available.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
  });
});
