import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AppLink, NavigateContext } from '../components/app-link';
import { ErrorBoundary } from '../components/error-boundary';
import { SearchBox } from './shell/search-box';
import { SunMoonIcon } from '../components/icons';
import type { NewVersion } from '../lib/service-worker';
import { useApp, useAppStore, type AppStore } from '../store';
import { THEMES, type Theme } from '../store/personal';
import { selectSavedCount, selectTopics } from '../store/selectors';
import { TopicLabelContext } from '../components/topic-labels';
import { topicLabel } from '../domain/topic-meta';
import { paths, toSearch } from '../store/url';
import { FeedPage } from './feed/feed-page';
import { navigate } from './shell/navigate';

// The first screen is the feed; the other pages load when first opened.
const PaperPage = lazy(() => import('./paper/paper-page').then((m) => ({ default: m.PaperPage })));
const SavedPage = lazy(() => import('./saved/saved-page').then((m) => ({ default: m.SavedPage })));
const SubscribePage = lazy(() =>
  import('./subscribe/subscribe-page').then((m) => ({ default: m.SubscribePage })),
);
// The shortcuts dialog loads the first time it is asked for (`?`), not with the first screen.
const ShortcutsDialog = lazy(() =>
  import('./shell/shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })),
);

// Notices (a storage problem, a failed load) are rare: their code loads when there is one.
const Notices = lazy(() => import('./shell/notices').then((m) => ({ default: m.Notices })));
// The "new version" banner loads after the first screen; its empty live region is there from the
// start, so the message is announced when it appears.
const NewVersionBanner = lazy(() =>
  import('./shell/new-version').then((m) => ({ default: m.NewVersionBanner })),
);
const emptyBanner = <div className="new-version" role="status" />;

const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/**
 * The keyboard shortcuts, whose code loads once the first screen is up: the listener is there
 * from the start, and keys pressed before the code arrives are handled when it does.
 */
function useKeyboard(store: AppStore) {
  useEffect(() => {
    let handle: ((event: KeyboardEvent) => void) | null = null;
    const early: KeyboardEvent[] = [];
    const onKey = (event: KeyboardEvent) => (handle ? handle(event) : early.push(event));
    document.addEventListener('keydown', onKey);
    let cancelled = false;
    void import('./shell/keyboard').then((m) => {
      if (cancelled) return;
      handle = m.keyHandler(store);
      for (const event of early.splice(0)) handle(event);
    });
    return () => {
      cancelled = true;
      document.removeEventListener('keydown', onKey);
    };
  }, [store]);
}

function useTheme(theme: Theme) {
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme =
        theme === 'system' ? (media?.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media?.addEventListener?.('change', apply);
    return () => media?.removeEventListener?.('change', apply);
  }, [theme]);
}

function Header() {
  const { page, savedCount, theme, setTheme, setShortcutsOpen, listSearch } = useApp(
    useShallow((s) => ({
      page: s.page.name,
      savedCount: selectSavedCount(s),
      theme: s.theme,
      setTheme: s.setTheme,
      setShortcutsOpen: s.setShortcutsOpen,
      listSearch: toSearch(s),
    })),
  );
  const nextTheme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
  return (
    <header className="app-header">
      <AppLink href={paths.feed} className="brand" aria-label="Paperboy, today's papers">
        <img src="/favicon.svg" alt="" width="24" height="24" />
        <span>Paperboy</span>
      </AppLink>
      <SearchBox />
      <nav aria-label="Main" className="main-nav">
        <AppLink href={paths.feed + listSearch} aria-current={page === 'feed' ? 'page' : undefined}>
          Feed
        </AppLink>
        <AppLink
          href={paths.saved + listSearch}
          aria-current={page === 'saved' ? 'page' : undefined}
        >
          Saved <span className="count">{savedCount}</span>
        </AppLink>
        <AppLink href={paths.subscribe} aria-current={page === 'subscribe' ? 'page' : undefined}>
          Subscribe
        </AppLink>
      </nav>
      <div className="header-tools">
        <button
          type="button"
          className="icon-button"
          onClick={() => setTheme(nextTheme)}
          aria-label={`Theme: ${THEME_LABELS[theme]}. Switch to ${THEME_LABELS[nextTheme]}`}
          title="Theme"
        >
          <SunMoonIcon /> <span className="theme-name">{THEME_LABELS[theme]}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => setShortcutsOpen(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          <kbd>?</kbd>
        </button>
      </div>
    </header>
  );
}

function Page() {
  const { page, indexStatus, indexError, loadIndex } = useApp(
    useShallow((s) => ({
      page: s.page,
      indexStatus: s.indexStatus,
      indexError: s.indexError,
      loadIndex: s.loadIndex,
    })),
  );
  if (page.name === 'subscribe' && indexStatus !== 'error') return <SubscribePage />;
  if (indexStatus === 'error')
    return (
      <div className="error-page" role="alert">
        <h1>The papers could not be loaded</h1>
        <p>{indexError}</p>
        <button type="button" className="button" onClick={() => void loadIndex()}>
          Try again
        </button>
      </div>
    );
  if (indexStatus !== 'ready')
    return (
      <div className="loading-page" aria-busy="true">
        <p role="status">Loading the papers…</p>
        <div className="card card-skeleton" />
        <div className="card card-skeleton" />
      </div>
    );
  switch (page.name) {
    case 'feed':
      return <FeedPage />;
    case 'paper':
      return <PaperPage key={page.id} id={page.id} from={page.from} />;
    case 'saved':
      return <SavedPage />;
    default:
      return (
        <div className="empty">
          <h1>Page not found</h1>
          <p>Nothing lives at “{page.name === 'notfound' ? page.path : ''}”.</p>
          <AppLink className="button" href={paths.feed}>
            Go to today's papers
          </AppLink>
        </div>
      );
  }
}

/** The app; `newVersion` reports a newer build taking over the tab (none in tests and dev). */
export function App({ newVersion }: { newVersion?: NewVersion | undefined } = {}) {
  const store = useAppStore();
  const theme = useApp((s) => s.theme);
  const pageKey = useApp((s) => (s.page.name === 'paper' ? `paper:${s.page.id}` : s.page.name));
  // Once opened, the dialog stays mounted (closing it is the dialog's own business).
  const shortcutsOpen = useApp((s) => s.shortcutsOpen);
  const hasNotices = useApp((s) => s.notices.length > 0);
  const [shortcutsWanted, setShortcutsWanted] = useState(false);
  if (shortcutsOpen && !shortcutsWanted) setShortcutsWanted(true);
  useTheme(theme);
  useKeyboard(store);
  const go = useCallback((href: string) => navigate(store, href), [store]);
  const topics = useApp(selectTopics);
  const labelOf = useMemo(() => {
    const labels = new Map(topics.map((t) => [t.id, t.label]));
    return (id: string) => labels.get(id) ?? topicLabel(id);
  }, [topics]);
  return (
    <NavigateContext.Provider value={go}>
      <TopicLabelContext.Provider value={labelOf}>
        <a className="skip-link" href="#main">
          Skip to the papers
        </a>
        <Header />
        {hasNotices && (
          <Suspense fallback={null}>
            <Notices />
          </Suspense>
        )}
        <main id="main" tabIndex={-1}>
          {newVersion && (
            <Suspense fallback={emptyBanner}>
              <NewVersionBanner source={newVersion} />
            </Suspense>
          )}
          <ErrorBoundary resetKey={pageKey}>
            <Suspense
              fallback={
                <p role="status" className="page-loading">
                  Loading…
                </p>
              }
            >
              <Page />
            </Suspense>
          </ErrorBoundary>
        </main>
        <footer className="app-footer">
          <p>
            Paperboy runs entirely in your browser: saved papers, read marks and subscriptions stay
            on this device. Press <kbd>?</kbd> for keyboard shortcuts.
          </p>
        </footer>
        {shortcutsWanted && (
          <Suspense fallback={null}>
            <ShortcutsDialog />
          </Suspense>
        )}
      </TopicLabelContext.Provider>
    </NavigateContext.Provider>
  );
}
