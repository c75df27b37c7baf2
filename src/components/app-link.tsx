import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useAppStore } from '../store';

/** Moves to a URL inside the app without reloading: history entry first, then the store follows. */
export function navigate(store: ReturnType<typeof useAppStore>, href: string) {
  const url = new URL(href, window.location.href);
  window.history.pushState(null, '', url.pathname + url.search);
  store.getState().applyLocation(url.pathname, url.search);
  window.scrollTo(0, 0);
}

/** An in-app link: a real <a href> (open in new tab works), handled without a page load. */
export function AppLink({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const store = useAppStore();
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(store, href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
