import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from 'react';

/** A few screens need no router library: the path is the state, pushState moves it. */
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  window.scrollTo(0, 0);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(
    subscribe,
    () => window.location.pathname + window.location.search,
    () => '/',
  );
  const url = new URL(href, 'http://local');
  return { path: url.pathname, search: url.searchParams };
}

export type Route =
  | { screen: 'inbox' }
  | { screen: 'follow_up' }
  | { screen: 'lead'; id: string }
  | { screen: 'board' }
  | { screen: 'dashboard' }
  | { screen: 'settings' }
  | { screen: 'not_found' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/inbox') return { screen: 'inbox' };
  const lead = path.match(/^\/leads\/([0-9a-f-]{36})$/i);
  if (lead?.[1]) return { screen: 'lead', id: lead[1] };
  if (path === '/follow-up') return { screen: 'follow_up' };
  if (path === '/board') return { screen: 'board' };
  if (path === '/dashboard') return { screen: 'dashboard' };
  if (path === '/settings') return { screen: 'settings' };
  return { screen: 'not_found' };
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Triage` : 'Triage';
  }, [title]);
}
