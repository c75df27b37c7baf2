import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * How an in-app link moves: the app provides a navigation that updates history and the store
 * without a page load (app/shell/navigate.ts); without a provider a link loads the page.
 */
export const NavigateContext = createContext<(href: string) => void>((href) =>
  window.location.assign(href),
);

/** An in-app link: a real <a href> (open in new tab works), handled without a page load. */
export function AppLink({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const navigate = useContext(NavigateContext);
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
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
