import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type TriageClient } from '@triage/contracts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, launchChromium, REPO, type RunningServer, startDemoServer } from './e2e-harness';
import { E2E_LEAD_EMAIL, seedE2eLeads, XSS_LEAD_EMAIL, XSS_NAME } from './seed-leads';

/** The committed README screenshots; the suite rewrites them only when asked, so a test run leaves git clean. */
const README_SHOTS = join(REPO, 'docs/screenshots');
const RETAKE = process.env.TRIAGE_SCREENSHOTS === '1';
const SHOTS = RETAKE ? README_SHOTS : mkdtempSync(join(tmpdir(), 'triage-e2e-shots-'));

const modifiedTimes = (folder: string) =>
  Object.fromEntries(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]));
const readmeShotsBefore = modifiedTimes(README_SHOTS);

const TRANSCRIPT = [
  'Rep: Do you have budget for this?',
  'Dana: We set aside about $40,000 for tooling this year.',
  'Rep: What happens if nothing changes over the next year?',
  'Dana: Our reps waste two hours a day on bad leads, we lost three deals last quarter because we called too late.',
  'Rep: Who signs off?',
  "Dana: I do, I'm the VP of Sales.",
  'Rep: When do you need it live?',
  'Dana: By the end of March, before the new team starts.',
].join('\n');

describe('Triage in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let client: TriageClient;
  let ids: Record<string, string>;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    server = await startDemoServer();
    client = createClient({ baseUrl: server.url, apiKey: server.apiKey });
    ids = await seedE2eLeads(client);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (!RETAKE) rmSync(SHOTS, { recursive: true, force: true });
  });

  const leadRow = (name: string) => page.getByRole('row').filter({ hasText: name });

  /**
   * README screenshots. A full-page capture stitches the page, so the sticky top bar would land in the middle
   * of it: it is unstuck for the capture.
   */
  async function shoot(name: string, options: { fullPage?: boolean; on?: Page; element?: Locator } = {}) {
    const target = options.on ?? page;
    await target.waitForLoadState('networkidle');
    const unstick =
      options.fullPage || options.element
        ? await target.addStyleTag({ content: '.topbar { position: static !important; }' })
        : null;
    const path = join(SHOTS, name);
    if (options.element) await options.element.screenshot({ path });
    else await target.screenshot({ path, fullPage: options.fullPage ?? false });
    await unstick?.evaluate((node) => (node as Element).remove());
  }

  it('signs in with the demo user printed at start-up', async () => {
    await page.goto(server.url);
    await page.getByLabel('Email').fill(server.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await page.getByLabel('Password').fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Lead inbox' }).waitFor();
    // The session survives a reload: the cookie, not page state, carries it.
    await page.reload();
    await page.getByRole('heading', { name: 'Lead inbox' }).waitFor();
  });

  it('ranks the inbox by heat, finds a lead by company and opens it with the keyboard', async () => {
    await leadRow('Erin Quill').waitFor();
    // The demo workspace's 600 generated leads fill the inbox; the e2e leads are the freshest of them.
    expect(await page.locator('tbody tr[data-row]').count()).toBe(50);
    await shoot('inbox.png');
    const heats = await page
      .getByRole('table', { name: 'Leads' })
      .getByRole('img', { name: /^Heat:/ })
      .all();
    expect(heats.length).toBeGreaterThan(0);

    await page.getByRole('searchbox', { name: /Search leads/ }).fill('northwind-e2e');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-row]').length === 1);
    await expect.poll(() => leadRow('Erin Quill').count()).toBe(1);
    await page.getByRole('searchbox').blur();
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('tr.selected').textContent()).toContain('Erin Quill');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Erin Quill', level: 1 }).waitFor();
    expect(page.url()).toContain(`/leads/${ids[E2E_LEAD_EMAIL]}`);
  });

  it('shows why the score is what it is', async () => {
    const fit = page.getByRole('list', { name: 'Fit explanation' });
    await fit.getByText('Decision-maker', { exact: false }).waitFor();
    await page.getByRole('list', { name: 'Engagement explanation' }).getByText('Demo requests').waitFor();
    // The demo workspace has too little won/lost history for a model: no percentage, the reason instead.
    const predictive = page.getByTestId('predictive');
    await predictive.getByText('not a probability').waitFor();
    expect(await predictive.textContent()).not.toMatch(/\d%/);
  });

  it('marks BANT criteria and watches the verdict change', async () => {
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.textContent()).toContain('Undecided');
    for (const criterion of ['Budget', 'Need', 'Timeline']) {
      await page
        .getByRole('group', { name: `${criterion} status` })
        .getByText('Met', { exact: true })
        .click();
      await expect
        .poll(() =>
          page
            .getByRole('group', { name: `${criterion} status` })
            .getByRole('radio', { name: 'Met', exact: true })
            .isChecked(),
        )
        .toBe(true);
    }
    await expect.poll(() => verdict.textContent()).toContain('Qualified');
    await page.getByLabel('Budget evidence').fill('€40k set aside in the Q3 tooling budget');
    await page.getByLabel('Budget evidence').press('Enter');
    await page.getByRole('group', { name: 'Authority status' }).getByText('Not met', { exact: true }).click();
    await expect.poll(() => verdict.textContent()).toMatch(/Not qualified|Qualified/);
    await page.getByRole('group', { name: 'Authority status' }).getByText('Unknown', { exact: true }).click();
    await expect.poll(() => verdict.textContent()).toContain('Qualified');
    const stored = await client.getAssessment(ids[E2E_LEAD_EMAIL]!, 'bant');
    expect(stored.result).toBe('pass');
    expect(stored.criteria.find((c) => c.key === 'budget')?.evidence).toContain('€40k');
  });

  it('reads a pasted transcript: highlights the budget, accepts suggestions one by one, the verdict follows', async () => {
    await page.goto(`${server.url}/leads/${ids['priya@lumen-e2e.com']}`);
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.textContent()).toContain('Undecided');
    await page.getByLabel('Call notes').fill(TRANSCRIPT);
    await page.getByRole('button', { name: 'Save note' }).click();
    const budget = page.getByTestId('note-text').locator('mark[data-for~="budget"]');
    await budget.first().waitFor();
    expect(await budget.first().textContent()).toBe('$40,000');
    const suggestions = page.getByRole('list', { name: 'Suggestions from the note' });
    const suggestion = (label: string) => suggestions.getByRole('listitem', { name: `${label} suggestion` });
    expect(await suggestion('Budget').textContent()).toContain('We set aside about $40,000');
    await page.getByRole('list', { name: 'Question coaching' }).getByText('Try instead').first().waitFor();
    await page.getByText(/You spoke \d+(\.\d)?% of the words/).waitFor();

    await suggestion('Budget').getByRole('button', { name: 'Accept' }).click();
    await suggestion('Budget').getByText('applied').waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Budget status' })
          .getByRole('radio', { name: 'Met', exact: true })
          .isChecked(),
      )
      .toBe(true);
    expect(await verdict.textContent()).not.toMatch(/Still missing:[^.]*Budget/);
    await suggestion('Authority').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => suggestion('Authority').count()).toBe(0);
    for (const label of ['Need', 'Timeline']) {
      await suggestion(label).getByRole('button', { name: 'Accept' }).click();
      await suggestion(label).getByText('applied').waitFor();
    }
    await expect.poll(() => verdict.textContent()).toContain('Qualified');
    const stored = await client.getAssessment(ids['priya@lumen-e2e.com']!, 'bant');
    expect(stored.criteria.find((c) => c.key === 'authority')?.status).toBe('unknown');
    await shoot('discovery-notes.png', { element: page.locator('.discovery') });
  });

  it('shows a qualified demo lead with its discovery record and history', async () => {
    const [qualified] = (await client.listLeads({ stage: ['sql'], sort: 'heat', limit: 1 })).items;
    expect(qualified).toBeDefined();
    await page.goto(`${server.url}/leads/${qualified!.id}`);
    await page.getByRole('heading', { name: qualified!.name, level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('Qualified');
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(2);
    await shoot('lead.png', { fullPage: true });
  });

  /** Drags with the mouse as a person would; the board scrolls sideways (dnd-kit auto-scroll) near its edge. */
  async function drag(leadId: string, toStage: string) {
    const board = page.locator('.board');
    const card = page.locator(`[data-lead="${leadId}"]`);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 12);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + 20, { steps: 4 });
    const column = page.locator(`[data-stage="${toStage}"]`);
    for (let i = 0; i < 60; i += 1) {
      const view = (await board.boundingBox())!;
      const to = (await column.boundingBox())!;
      const centre = to.x + to.width / 2;
      if (centre > view.x + 40 && centre < view.x + view.width - 40) {
        await page.mouse.move(centre, to.y + 40, { steps: 10 });
        break;
      }
      const edge = centre >= view.x + view.width - 40 ? view.x + view.width - 8 : view.x + 8;
      await page.mouse.move(edge, from.y + 20, { steps: 3 });
      await page.waitForTimeout(150);
    }
    await page.mouse.up();
  }

  it('moves a lead on the board: an allowed drop lands, a forbidden one is refused with the reason', async () => {
    await page.getByRole('link', { name: 'Pipeline' }).click();
    const erin = ids[E2E_LEAD_EMAIL]!;
    await page.locator(`[data-stage="mql"] [data-lead="${erin}"]`).waitFor();
    await drag(erin, 'sal');
    await page.locator(`[data-stage="sal"] [data-lead="${erin}"]`).waitFor();
    await page.getByRole('status').filter({ hasText: 'moved to Sales-accepted' }).waitFor();
    expect((await client.getLead(erin)).stage).toBe('sal');

    await drag(erin, 'customer');
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot move to Customer' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Sales-qualified (SQL)');
    expect((await client.getLead(erin)).stage).toBe('sal');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(400); // the drop animation
    await shoot('board.png');
  });

  it('asks for a reason when a card is dropped into Disqualified', async () => {
    // Erin: a column shows its hottest cards only, and the demo workspace fills every column.
    const erin = ids[E2E_LEAD_EMAIL]!;
    await drag(erin, 'disqualified');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.locator(`[data-stage="sal"] [data-lead="${erin}"]`).waitFor();
    expect((await client.getLead(erin)).stage).toBe('sal');
  });

  it('disqualifies a lead with a reason and the dashboard counts it', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const open = page.getByTestId('kpi-open');
    await expect.poll(() => open.textContent()).toMatch(/\d/);
    const before = Number((await open.textContent())!.replace(/\D/g, ''));

    await page.goto(`${server.url}/leads/${ids['tomasz@kolejka-e2e.pl']}`);
    await page.getByRole('button', { name: 'Disqualify…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).isDisabled();
    await dialog.getByLabel('Reason').selectOption('bad_timing');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.lead-badges').getByText('Disqualified').waitFor();
    await page
      .getByRole('list', { name: 'Activity' })
      .or(page.locator('.timeline'))
      .getByText('Bad timing')
      .first()
      .waitFor();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await expect.poll(async () => Number((await open.textContent())!.replace(/\D/g, ''))).toBe(before - 1);
    const reasons = page.getByRole('region', { name: 'Disqualification reasons' });
    await reasons.getByText('Show the numbers').click();
    await reasons.getByRole('cell', { name: 'Bad timing' }).waitFor();
    await reasons.getByText('Show the numbers').click();
    await shoot('dashboard.png', { fullPage: true });
  });

  it('changes an MQL threshold in settings, which publishes a new policy version', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const live = page.getByTestId('live-version');
    await live.waitFor();
    const version = Number((await live.textContent())!.replace(/\D/g, ''));
    await page.getByLabel('MQL minimum fit').fill('55');
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Version ${version + 1} is live` })
      .waitFor();
    await expect.poll(() => live.textContent()).toContain(`version ${version + 1}`);
    const policy = await client.getPolicy();
    expect(policy.version).toBe(version + 1);
    expect(policy.policy.lifecycle.mql.minFit).toBe(55);
  });

  it('previews the impact of a lower engagement bar in settings without publishing it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const live = page.getByTestId('live-version');
    const { version } = await client.getPolicy();
    await expect.poll(() => live.textContent()).toContain(`version ${version}`);
    await page.getByLabel('MQL minimum engagement').fill('10');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const panel = page.getByTestId('policy-impact');
    const gained = panel.getByTestId('impact-gained');
    await gained.waitFor();
    expect(await panel.locator('#impact-replayed').textContent()).toContain(
      `against live version ${version}`,
    );
    const heading = (await gained.getByRole('heading').textContent())!;
    const count = Number(heading.match(/\(([\d,]+)\)/)![1]!.replaceAll(',', ''));
    expect(count).toBeGreaterThan(0);
    expect(await gained.locator('p').first().textContent()).toMatch(
      new RegExp(`^${count.toLocaleString('en')} more leads? would qualify`),
    );
    // An example: the lead's page is one click away, and each policy says why it decides as it does.
    const example = gained.getByRole('table').locator('tbody tr').first();
    expect(await example.getByRole('link').getAttribute('href')).toMatch(/^\/leads\/[0-9a-f-]{36}$/);
    const [liveWhy, draftWhy] = await example.locator('td.why').allTextContents();
    expect(liveWhy).toMatch(/^Not qualified: .*below 30/);
    expect(draftWhy).toMatch(/reaches 10/);
    // Editing the draft again makes the preview out of date; nothing was published.
    await page.getByLabel('MQL minimum engagement').fill('12');
    await panel.getByText('Out of date').waitFor();
    expect(await live.textContent()).toContain(`version ${version}`);
    expect((await client.getPolicy()).version).toBe(version);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('creates an API key in settings, shows it once, and revokes it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByLabel('New key for').fill('Zapier');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const shown = keys.getByRole('status');
    await shown.waitFor();
    const key = (await shown.locator('code').textContent())!;
    const leadsWith = async (apiKey: string) =>
      (await fetch(`${server.url}/v1/leads?limit=1`, { headers: { authorization: `Bearer ${apiKey}` } }))
        .status;
    expect(await leadsWith(key)).toBe(200);
    await keys.getByRole('button', { name: 'Revoke Zapier' }).click();
    // It asks once more before cutting the integration off.
    expect(await leadsWith(key)).toBe(200);
    await keys.getByRole('button', { name: 'Confirm: revoke Zapier' }).click();
    await keys.getByRole('row', { name: /Zapier.*revoked/ }).waitFor();
    expect(await leadsWith(key)).toBe(401);
    // The demo key the rest of the suite uses is untouched.
    expect(await leadsWith(server.apiKey)).toBe(200);
  });

  it('adds a custom framework in settings, makes it the default and publishes it with the policy', async () => {
    const pilotReady = {
      key: 'pilot_ready',
      version: 1,
      name: 'Pilot ready',
      description: 'Our check before we offer a paid pilot.',
      criteria: ['sponsor', 'data_access'].map((key, i) => ({
        key,
        label: key === 'sponsor' ? 'Sponsor' : 'Data access',
        description: `Criterion ${i + 1} of our pilot check.`,
        level: i === 0 ? 'organization' : 'opportunity',
        weight: 1,
        concepts: [i === 0 ? 'champion' : 'decision_process'],
        questions: [`Who covers ${key}?`, `When is ${key} settled?`, `What could block ${key}?`],
      })),
      passRule: { kind: 'all' },
    };
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Custom frameworks').fill(JSON.stringify([pilotReady], null, 2));
    await page.getByLabel('Default framework').selectOption('pilot_ready');
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page.getByRole('status').filter({ hasText: 'is live' }).waitFor();
    const policy = await client.getPolicy();
    expect(policy.policy.frameworks.default).toBe('pilot_ready');
    expect((await client.frameworks()).items.find((f) => f.key === 'pilot_ready')?.custom).toBe(true);
    // Reloaded, the default is offered once, by its name.
    await page.reload();
    const options = page.getByLabel('Default framework').locator('option[value="pilot_ready"]');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.textContent()).toBe('Pilot ready');
    // Half-typed JSON is not published (the last valid list would be, silently).
    const field = page.getByLabel('Custom frameworks');
    await field.fill((await field.inputValue()).slice(0, -5));
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page.getByRole('alert').filter({ hasText: 'the JSON is not complete yet' }).waitFor();
    expect((await client.getPolicy()).version).toBe(policy.version);
    // Back to BANT for the rest of the suite; the custom framework stays available.
    await client.putPolicy({
      policy: { ...policy.policy, frameworks: { ...policy.policy.frameworks, default: 'bant' } },
    });
  });

  it('sets the follow-up hours to Warsaw and a 10-minute target in settings; a reload keeps them', async () => {
    const before = await client.getPolicy();
    await page.getByRole('link', { name: 'Settings' }).click();
    // The test before changed the policy through the API: the draft starts again from the live version.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('live-version').textContent())
      .toContain(`version ${before.version}`);
    const section = page.getByRole('region', { name: 'Follow-up' });
    await section.getByLabel('Time zone').fill('Europe/Warsaw');
    await section.getByLabel('Target (business minutes)').fill('10');
    // A day that closes before it opens is named beside the field, and nothing is sent.
    await section.getByLabel('Closes at').fill('08:00');
    await section.getByText('end must be after start').waitFor();
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Follow-up, Closes at: end must be after start' })
      .waitFor();
    expect((await client.getPolicy()).version).toBe(before.version);
    await section.getByLabel('Closes at').fill('17:00');
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Version ${before.version + 1} is live` })
      .waitFor();
    await page.reload();
    await expect.poll(() => section.getByLabel('Time zone').inputValue()).toBe('Europe/Warsaw');
    expect(await section.getByLabel('Target (business minutes)').inputValue()).toBe('10');
    const { followUp } = (await client.getPolicy()).policy;
    expect(followUp.businessHours.timeZone).toBe('Europe/Warsaw');
    expect(followUp.speedToLead.targetMinutes).toBe(10);
    expect(followUp.businessHours.end).toBe('17:00');
    // The follow-up test below reads the queue in the demo's own hours: back to them.
    await client.putPolicy({
      policy: { ...(await client.getPolicy()).policy, followUp: before.policy.followUp },
    });
  });

  it('shows the model state: an empty model dashboard and the training refusal with the counts', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('model-empty').waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    const models = page.getByRole('region', { name: 'Models' });
    await models.getByText('No model is active.').waitFor();
    await models.getByRole('button', { name: 'Train a new model' }).click();
    const refusal = models.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Not enough history to train a model: \d+ closed leads/);
  });

  it('checks the ICP against the customers and adds a suggested rule to the policy from the dashboard', async () => {
    // The demo's outcomes are random; twelve aerospace wins give the workspace something true to find.
    for (let i = 0; i < 12; i++) {
      const lead = await client.createLead({
        email: `buyer${i}@orbital${i}.example`,
        account: { name: `Orbital ${i}`, domain: `orbital${i}.example`, industry: 'aerospace' },
      });
      for (const to of ['mql', 'sal', 'sql', 'opportunity', 'customer'] as const)
        await client.transition(lead.id, { to });
    }
    const insights = await client.icpInsights();
    expect(insights.enough).toBe(true);
    const aerospace = insights.insights.find((i) => i.label === 'aerospace')!;
    expect(aerospace.verdict).toBe('over');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    // The dashboard's numbers are cached for a while; the wins above came in through the API meanwhile.
    await page.reload();
    const card = page.getByRole('region', { name: 'ICP insights' });
    await card.getByRole('button', { name: 'Add industry aerospace to the ICP' }).click();
    await card.getByRole('status').filter({ hasText: 'is live' }).waitFor();
    await card
      .getByRole('button', { name: 'Add industry aerospace to the ICP' })
      .filter({ hasText: 'In the ICP' })
      .waitFor();
    const rules = (await client.getPolicy()).policy.icp.rules;
    expect(rules.map((rule) => rule.id)).toContain((aerospace.rule as { id: string }).id);
  });

  it('renders a stored HTML payload as text on every screen', async () => {
    const mallory = ids[XSS_LEAD_EMAIL]!;
    const injected = () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    const imgs = () => page.locator('img[src="x"]').count();
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('searchbox').fill('xss-e2e');
    await leadRow('Payload').waitFor();
    expect(await leadRow('Payload').textContent()).toContain(XSS_NAME);
    await page.goto(`${server.url}/leads/${mallory}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'onerror' }).waitFor();
    await page.getByText(`page: ${XSS_NAME}`).first().waitFor();
    await page.getByLabel('Call notes').fill(`${XSS_NAME} said they have budget`);
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.locator('.tl-note').filter({ hasText: 'said they have budget' }).waitFor();
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await page.locator(`[data-lead="${mallory}"]`).waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('region', { name: 'Conversion by group' }).getByText('Show the numbers').click();
    await page.getByRole('cell', { name: XSS_NAME }).first().waitFor();
    expect(await imgs()).toBe(0);
    expect(await injected()).toBeUndefined();
  });

  it('puts a new demo request at the top of the follow-up queue; a call logged on the lead page takes it off', async () => {
    const email = 'nora.quick@brightpath-e2e.io';
    await client.ingestEvents([
      { id: 'e2e-follow-up-demo', email, type: 'demo_request', occurredAt: new Date().toISOString() },
    ]);
    const [nora] = (await client.listLeads({ q: email, limit: 1 })).items;
    // The demo user owns none of the demo's leads: "Mine only" shows this one alone, whatever the hour does
    // to the demo's own hand-raisers (business hours decide whether they are due, overdue or escalated).
    const dana = (await client.users()).items.find((user) => user.email === server.email)!;
    await client.patchLead(nora!.id, { ownerId: dana.id, firstName: 'Nora', lastName: 'Quick' });

    await page.getByRole('link', { name: 'Follow up' }).click();
    await page.getByRole('button', { name: 'Mine only' }).click();
    const rows = page.getByRole('table', { name: 'Follow-up queue' }).locator('tbody tr');
    await rows.first().filter({ hasText: 'Nora Quick' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('.urgency').textContent()).toMatch(/^(Due|Overdue|Escalated)$/);
    expect(await rows.first().textContent()).toMatch(/Call (now|before it is due)/);
    expect(await rows.first().textContent()).toContain('Demo request');
    const chips = page.getByRole('navigation', { name: 'Follow-up filters' });
    expect(await chips.getByRole('link', { name: /^Speed to lead/ }).textContent()).toBe('Speed to lead1');

    await rows.first().getByRole('link', { name: 'Nora Quick' }).click();
    const panel = page.getByTestId('follow-up');
    await panel
      .getByTestId('follow-up-status')
      .getByText(/^(Due|Overdue|Escalated)$/)
      .waitFor();
    await panel.getByLabel('Touch note').fill('Reached her, demo booked for Thursday');
    await panel.getByRole('button', { name: 'Log call' }).click();
    await panel.getByRole('status').filter({ hasText: 'Call logged. The clock stopped' }).waitFor();
    await panel
      .getByTestId('follow-up-status')
      .getByText(/^Answered/)
      .waitFor();
    await panel.getByRole('list', { name: 'Touches' }).getByText('Reached her, demo booked').waitFor();

    await page.goBack();
    await page.getByText('Nothing to follow up here among your leads.').waitFor();
    expect((await client.followUps({ ownerId: dana.id })).items).toEqual([]);
  });

  it('shows two leads of one person as a likely duplicate and merges them; the merged URL lands on the survivor', async () => {
    const account = { name: 'Harbor E2E', domain: 'harbor-e2e.io' };
    const kept = await client.createLead({
      email: 'jordan.lee@harbor-e2e.io',
      firstName: 'Jordan',
      lastName: 'Lee',
      title: 'Head of Sales',
      account,
    });
    const merged = await client.createLead({
      email: 'jlee@harbor-e2e.io',
      firstName: 'Jordan',
      lastName: 'Lee',
      phone: '+1 555 0100',
      account,
    });
    await page.goto(`${server.url}/leads/${kept.id}`);
    const candidate = page.getByRole('listitem', { name: 'Jordan Lee duplicate' });
    await candidate.getByText(/^Likely duplicate · \d+%$/).waitFor();
    expect(await candidate.textContent()).toContain('jlee@harbor-e2e.io');
    expect(
      await candidate.getByRole('list', { name: 'Why these may be one person' }).textContent(),
    ).toContain('Same last name');
    await candidate.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge two leads' });
    // The defaults are the server's: the survivor's values, and the duplicate's where the survivor has none.
    expect(await dialog.getByRole('radio', { name: 'Title: keep Head of Sales' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Phone: keep +1 555 0100' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Merge into Jordan Lee' }).click();
    const result = page.getByRole('dialog', { name: 'Leads merged' });
    await result.getByText('jlee@harbor-e2e.io was merged into Jordan Lee.').waitFor();
    await result.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Merged into this lead' }).waitFor();
    expect((await client.listLeads({ q: 'harbor-e2e', limit: 5 })).items.map((l) => l.id)).toEqual([kept.id]);
    expect((await client.getLead(kept.id)).phone).toBe('+1 555 0100');

    await page.goto(`${server.url}/leads/${merged.id}`);
    await page.getByText('This lead was merged into').waitFor();
    await page.waitForURL(`**/leads/${kept.id}`);
    await page.getByRole('heading', { name: 'Jordan Lee', level: 1 }).waitFor();
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const cookies = await page.context().cookies();
    await phone.context().addCookies(cookies);
    await phone.goto(server.url);
    await phone.getByRole('heading', { name: 'Lead inbox' }).waitFor();
    await phone.locator('tbody tr[data-row]').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shoot('inbox-phone.png', { on: phone });
    await phone.close();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const response = await page.request.get(`${server.url}/v1/leads`);
    expect(response.status()).toBe(401);
    expect(errors).toEqual([]);
  });

  it('leaves the committed screenshots alone unless TRIAGE_SCREENSHOTS=1', () => {
    expect(readdirSync(SHOTS)).toEqual(expect.arrayContaining(Object.keys(readmeShotsBefore)));
    if (!RETAKE) expect(modifiedTimes(README_SHOTS)).toEqual(readmeShotsBefore);
  });
});
