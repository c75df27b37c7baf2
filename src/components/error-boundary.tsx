import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Catches what a page throws while rendering (a chunk that failed to load offline, a bug) and
 * shows what happened and what to do instead of a blank page. Resets when `resetKey` changes.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('Paperboy could not show this page:', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk =
      /dynamically imported module|Failed to fetch|Importing a module script failed|error loading dynamically/i.test(
        error.message,
      );
    return (
      <div className="error-page" role="alert">
        <h1>This page could not be shown</h1>
        <p>
          {chunk
            ? 'Part of Paperboy could not be downloaded: the network may be off, or a newer version was published. Reconnect and reload; pages you have opened before work offline.'
            : `Something went wrong while showing this page (${error.message}). Your saved papers are safe.`}
        </p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
