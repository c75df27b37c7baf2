import { useSyncExternalStore } from 'react';
import type { NewVersion } from '../../lib/service-worker';

const never = () => false;

/**
 * Says so, politely, when a newer build of Paperboy serves this tab, with a button that loads
 * it. The live region is always there, so its message is announced when it appears.
 */
export function NewVersionBanner({ source }: { source: NewVersion }) {
  const available = useSyncExternalStore(source.subscribe, source.available, never);
  return (
    <div className={available ? 'new-version notice' : 'new-version'} role="status">
      {available && (
        <>
          <p>A new version of Paperboy is available.</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      )}
    </div>
  );
}
