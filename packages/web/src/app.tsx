import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Session } from '@triage/contracts';
import { lazy, Suspense, useEffect } from 'react';
import { api, setCsrfToken } from './api/api-client';
import { Link, matchRoute, navigate, useLocation } from './routing/router';
import { InboxScreen } from './screens/inbox.screen';
import { SignInScreen } from './screens/sign-in.screen';

const LeadScreen = lazy(() => import('./screens/lead.screen').then((m) => ({ default: m.LeadScreen })));
const FollowUpScreen = lazy(() =>
  import('./screens/follow-up.screen').then((m) => ({ default: m.FollowUpScreen })),
);
const BoardScreen = lazy(() => import('./screens/board.screen').then((m) => ({ default: m.BoardScreen })));
const DashboardScreen = lazy(() =>
  import('./screens/dashboard.screen').then((m) => ({ default: m.DashboardScreen })),
);
const SettingsScreen = lazy(() =>
  import('./screens/settings.screen').then((m) => ({ default: m.SettingsScreen })),
);

export const SESSION_KEY = ['session'] as const;

async function loadSession(): Promise<Session | null> {
  try {
    const session = await api.session();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
    throw error;
  }
}

export function App() {
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: loadSession,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (session.isPending) return <div className="boot" aria-busy="true" />;
  if (session.isError)
    return (
      <main className="boot-error" role="alert">
        The server could not be reached.{' '}
        <button type="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  if (!session.data) return <SignInScreen />;
  return <Shell session={session.data} />;
}

const NAV = [
  { href: '/', label: 'Inbox', screen: 'inbox' },
  { href: '/follow-up', label: 'Follow up', screen: 'follow_up' },
  { href: '/board', label: 'Pipeline', screen: 'board' },
  { href: '/dashboard', label: 'Dashboard', screen: 'dashboard' },
  { href: '/settings', label: 'Settings', screen: 'settings' },
] as const;

function Shell({ session }: { session: Session }) {
  const { path } = useLocation();
  const route = matchRoute(path);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (route.screen === 'not_found') navigate('/', { replace: true });
  }, [route.screen]);
  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    setCsrfToken(null);
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    navigate('/', { replace: true });
  };
  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand" aria-label="Triage home">
          <span className="brand-mark" aria-hidden="true" />
          Triage
        </Link>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className={route.screen === item.screen ? 'active' : undefined}
              aria-current={route.screen === item.screen ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="me">
          <span className="me-name" title={session.user.email}>
            {session.user.name}
          </span>
          <span className="me-tenant">{session.tenant.name}</span>
          <button type="button" className="btn ghost small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">
        <Suspense fallback={<div className="loading">Loading…</div>}>
          {route.screen === 'inbox' && <InboxScreen />}
          {route.screen === 'lead' && <LeadScreen id={route.id} key={route.id} />}
          {route.screen === 'follow_up' && <FollowUpScreen userId={session.user.id} />}
          {route.screen === 'board' && <BoardScreen />}
          {route.screen === 'dashboard' && <DashboardScreen />}
          {route.screen === 'settings' && <SettingsScreen />}
        </Suspense>
      </main>
    </div>
  );
}
