import type { Lead, Session, UserList } from '@triage/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoUser } from '../src/demo/demo-user';
import { SIGN_IN_ATTEMPTS } from '../src/modules/users/sign-in-throttle';
import { startTestApp, type TestApp, type TestTenant } from './support/test-app';
import { dbTargets } from './support/test-database';

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join(';') : (setCookie ?? '');
  const match = header.match(/triage_session=([^;]*)/);
  return match?.[1] ?? '';
}

describe.each(dbTargets())('sessions and users API on %s', (target) => {
  let t: TestApp;
  let acme: TestTenant;
  let password: string;

  beforeAll(async () => {
    t = await startTestApp(target);
    acme = await t.tenant('Acme');
    password = (await ensureDemoUser(t.database.db, acme.tenantId)).password;
  });
  afterAll(() => t.close());

  async function signIn(pass = password) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'Demo@Triage.local', password: pass },
    });
    return { response, cookie: sessionCookie(response.headers['set-cookie']) };
  }

  it('signs in with email and password and sets an httpOnly, SameSite cookie', async () => {
    const { response, cookie } = await signIn();
    expect(response.statusCode).toBe(201);
    const body = response.json<Session>();
    expect(body.user.email).toBe('demo@triage.local');
    expect(body.tenant.id).toBe(acme.tenantId);
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(cookie.length).toBeGreaterThan(20);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toContain(password);
  });

  it('refuses a wrong password or an unknown email with the same answer', async () => {
    const wrong = await signIn('not-the-password');
    expect(wrong.response.statusCode).toBe(401);
    expect(wrong.cookie).toBe('');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: 'nobody@triage.local', password },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.response.json().message);
  });

  it('authenticates reads with the cookie alone and writes only with the CSRF token', async () => {
    const { response, cookie } = await signIn();
    const { csrfToken } = response.json<Session>();
    const cookies = { triage_session: cookie };
    const me = await t.app.inject({ method: 'GET', url: '/v1/session', cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json<Session>().csrfToken).toBe(csrfToken);

    const list = await t.app.inject({ method: 'GET', url: '/v1/leads', cookies });
    expect(list.statusCode).toBe(200);

    const forged = await t.app.inject({
      method: 'POST',
      url: '/v1/leads',
      cookies,
      payload: { email: 'forged@initech.io' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('csrf_failed');

    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/leads',
      cookies,
      headers: { 'x-csrf-token': csrfToken },
      payload: { email: 'real@initech.io' },
    });
    expect(created.statusCode).toBe(201);
    const history = await acme.call<{ items: { actor: { kind: string } }[] }>(
      'GET',
      `/v1/leads/${created.json<Lead>().id}/transitions`,
    );
    expect(history.body.items[0]?.actor.kind).toBe('user');
  });

  it('stops password guessing: past the limit a client waits, other emails are not locked out, the window ends', async () => {
    const attempt = (email: string, pass = 'guess') =>
      t.app.inject({ method: 'POST', url: '/v1/session', payload: { email, password: pass } });
    for (let i = 0; i < SIGN_IN_ATTEMPTS.max; i++)
      expect((await attempt('Target@Triage.local')).statusCode).toBe(401);
    // The email is counted whatever its case, so changing it does not buy more guesses.
    const blocked = await attempt('target@triage.local');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBe(SIGN_IN_ATTEMPTS.windowMs / 1000);
    expect((await attempt('someone-else@triage.local')).statusCode).toBe(401);
    t.clock.now += SIGN_IN_ATTEMPTS.windowMs;
    expect((await attempt('target@triage.local')).statusCode).toBe(401);
    t.clock.now -= SIGN_IN_ATTEMPTS.windowMs;
  });

  it('counts only failures: signing in often is never throttled, and a success clears earlier mistakes', async () => {
    for (let i = 0; i < SIGN_IN_ATTEMPTS.max + 2; i++) expect((await signIn()).response.statusCode).toBe(201);
    for (let i = 0; i < SIGN_IN_ATTEMPTS.max - 1; i++)
      expect((await signIn('not-the-password')).response.statusCode).toBe(401);
    expect((await signIn()).response.statusCode).toBe(201);
    expect((await signIn('not-the-password')).response.statusCode).toBe(401);
    expect((await signIn()).response.statusCode).toBe(201);
  });

  it('signs out: the cookie stops working', async () => {
    const { response, cookie } = await signIn();
    const cookies = { triage_session: cookie };
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/v1/session',
      cookies,
      headers: { 'x-csrf-token': response.json<Session>().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/v1/leads', cookies })).statusCode).toBe(401);
  });

  it('a reset password (every demo start) ends the old sessions and the new one works', async () => {
    const { cookie } = await signIn();
    const fresh = await ensureDemoUser(t.database.db, acme.tenantId);
    const cookies = { triage_session: cookie };
    expect((await t.app.inject({ method: 'GET', url: '/v1/leads', cookies })).statusCode).toBe(401);
    expect((await signIn(password)).response.statusCode).toBe(401);
    password = fresh.password;
    expect((await signIn()).response.statusCode).toBe(201);
  });

  it('lists the users of the workspace only, and API keys keep working', async () => {
    const globex = await t.tenant('Globex');
    const mine = await acme.call<UserList>('GET', '/v1/users');
    expect(mine.body.items.map((u) => u.email)).toEqual(['demo@triage.local']);
    const theirs = await globex.call<UserList>('GET', '/v1/users');
    expect(theirs.body.items).toEqual([]);
    expect((await globex.call('GET', '/v1/session')).status).toBe(404);
  });
});
