import type { LeadSetSummaryView, PolicyReplaySummaryView, PolicySimulationView } from '@triage/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedSetSentence,
  exampleOutcome,
  formatCountDelta,
  formatHoursDelta,
  formatRate,
  formatRateDelta,
  impactRows,
  impactVerdict,
  previewFrom,
  replayedLine,
  requestProblems,
  setOutcomesLine,
} from '../src/logic/policy-impact';

const set = (leads: number, sal: number, more: Partial<LeadSetSummaryView['outcomes']> = {}) => {
  const outcomes = {
    reachedSal: sal,
    reachedSql: 0,
    reachedOpportunity: 0,
    customers: 0,
    disqualified: 0,
    nurture: 0,
    open: leads,
    ...more,
  };
  const rate = (n: number) => (leads === 0 ? null : n / leads);
  return {
    leads,
    outcomes,
    rates: {
      sal: rate(outcomes.reachedSal),
      sql: rate(outcomes.reachedSql),
      opportunity: rate(outcomes.reachedOpportunity),
      customer: rate(outcomes.customers),
    },
  } satisfies LeadSetSummaryView;
};

const policy = (
  leads: number,
  sal: number,
  medianHoursToQualify: number | null,
  byStage = { mql: leads, pql: 0, cql: 0 },
): PolicyReplaySummaryView => ({
  ...set(leads, sal),
  byStage,
  byRule: { fitAndEngagement: leads, handRaiser: 0 },
  knockedOut: 3,
  medianHoursToQualify,
});

const simulation = (over: Partial<PolicySimulationView> = {}): PolicySimulationView => ({
  replayed: {
    from: '2026-03-03T12:00:00.000Z',
    to: '2026-06-01T12:00:00.000Z',
    leads: 612,
    events: 8431,
    notReplayable: 0,
    recordedQualified: 130,
    currentVersion: 4,
    simulatedAt: '2026-06-01T12:00:00.000Z',
  },
  current: policy(100, 57, 30),
  draft: policy(121, 59, 20),
  both: set(100, 57),
  gained: { ...set(21, 2), examples: [] },
  lost: { ...set(0, 0), examples: [] },
  ...over,
});

const MINUS = '\u2212';

describe('rates and changes as a marketing-ops person reads them', () => {
  it('writes shares as whole percentages, a tiny one as <1%, an unknown one as a dash', () => {
    expect(formatRate(0.5714)).toBe('57%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.003)).toBe('<1%');
    expect(formatRate(null)).toBe('—');
  });

  it('signs a count change and gives its relative size; no change reads "same"', () => {
    expect(formatCountDelta(100, 121)).toBe('+21 (+21%)');
    expect(formatCountDelta(40, 30)).toBe(`${MINUS}10 (${MINUS}25%)`);
    expect(formatCountDelta(0, 5)).toBe('+5');
    expect(formatCountDelta(7, 7)).toBe('same');
    expect(formatCountDelta(1000, 2500)).toBe('+1,500 (+150%)');
  });

  it('gives a rate change in percentage points', () => {
    expect(formatRateDelta(0.57, 0.4876)).toBe(`${MINUS}8.2 pts`);
    expect(formatRateDelta(0.1, 0.11)).toBe('+1 pt');
    expect(formatRateDelta(0.3, 0.3)).toBe('same');
    expect(formatRateDelta(null, 0.3)).toBe('—');
  });

  it('gives a time change as faster (−) or slower (+) in hours or days', () => {
    expect(formatHoursDelta(30, 20)).toBe(`${MINUS}10 h`);
    expect(formatHoursDelta(20, 92)).toBe('+3 d');
    expect(formatHoursDelta(5, 5)).toBe('same');
    expect(formatHoursDelta(null, 5)).toBe('—');
  });

  it('never shows "+" for a fall or "−" for a rise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (live, draft) => {
        const text = formatCountDelta(live, draft);
        if (draft > live) return text.startsWith('+');
        if (draft < live) return text.startsWith(MINUS);
        return text === 'same';
      }),
    );
  });
});

describe('the live-vs-draft table', () => {
  const rows = impactRows(policy(100, 57, 30, { mql: 90, pql: 6, cql: 4 }), policy(121, 59, 20));
  const row = (label: string) => rows.find((r) => r.label === label)!;

  it('counts the qualified leads with their MQL/PQL/CQL split', () => {
    expect(row('Qualified leads')).toMatchObject({ live: '100', draft: '121', change: '+21 (+21%)' });
    expect(row('as PQL')).toMatchObject({
      live: '6',
      draft: '0',
      change: `${MINUS}6 (${MINUS}100%)`,
      sub: true,
    });
  });

  it('shows how far the qualified leads really went, and a lower share reaching SAL as worse', () => {
    expect(row('Reached SAL')).toMatchObject({ live: '57% (57)', draft: '49% (59)', tone: 'worse' });
    expect(row('Reached SAL').change).toBe(`${MINUS}8.2 pts`);
  });

  it('calls a shorter median time to qualify better', () => {
    expect(row('Median time to qualify')).toMatchObject({
      live: '30 h',
      draft: '20 h',
      change: `${MINUS}10 h`,
      tone: 'better',
    });
  });

  it('shows dashes, not 0%, when a policy qualifies nobody', () => {
    const none = impactRows(policy(0, 0, null), policy(3, 1, 4));
    expect(none.find((r) => r.label === 'Reached SAL')).toMatchObject({ live: '—', change: '—' });
  });
});

describe('what the preview says in words', () => {
  it('says when the draft qualifies exactly the same leads', () => {
    const same = simulation({ draft: policy(100, 57, 30), gained: { ...set(0, 0), examples: [] } });
    expect(impactVerdict(same)).toEqual({
      kind: 'same',
      headline: 'This draft qualifies the same leads as the live policy.',
    });
  });

  it('says when the period holds no lead at all', () => {
    const empty = simulation({ replayed: { ...simulation().replayed, leads: 0, events: 0 } });
    expect(impactVerdict(empty).kind).toBe('no_leads');
  });

  it('names both the leads gained and the leads lost', () => {
    const both = simulation({ draft: policy(120, 59, 20), lost: { ...set(1, 1), examples: [] } });
    expect(impactVerdict(both).headline).toBe(
      '21 more leads would qualify and 1 would no longer qualify: 120 instead of 100 in all.',
    );
    const lostOnly = simulation({
      draft: policy(98, 57, 30),
      gained: { ...set(0, 0), examples: [] },
      lost: { ...set(2, 0), examples: [] },
    });
    expect(impactVerdict(lostOnly).headline).toBe(
      '2 leads would no longer qualify: 98 instead of 100 in all.',
    );
  });

  it('compares the gained leads with the leads both policies qualify', () => {
    expect(changedSetSentence('gained', set(21, 2), set(100, 57))).toBe(
      '21 more leads would qualify; 2 of them reached SAL (10%) against 57% of the leads both policies qualify.',
    );
    expect(changedSetSentence('lost', set(1, 0), set(100, 57))).toBe(
      '1 lead would no longer qualify; it never reached SAL, against 57% of the leads both policies qualify.',
    );
    expect(changedSetSentence('lost', set(4, 3), set(0, 0))).toBe(
      '4 leads would no longer qualify; 3 of them reached SAL (75%).',
    );
  });

  it('lists the later milestones and where the rest stand today', () => {
    expect(
      setOutcomesLine(set(20, 4, { reachedSql: 2, customers: 1, disqualified: 3, nurture: 0, open: 16 })),
    ).toBe('Reached SQL: 2 (10%), opportunity: 0 (0%), customer: 1 (5%). Today: 16 open, 3 disqualified.');
  });

  it('says where an example lead ended up', () => {
    expect(exampleOutcome({ furthest: 'customer', state: 'customer', stage: 'customer' })).toBe(
      'Became a customer',
    );
    expect(exampleOutcome({ furthest: 'sql', state: 'disqualified', stage: 'disqualified' })).toBe(
      'Reached SQL, then disqualified',
    );
    expect(exampleOutcome({ furthest: 'sal', state: 'open', stage: 'sal' })).toBe('Reached SAL, still open');
    expect(exampleOutcome({ furthest: null, state: 'open', stage: 'lead' })).toBe('Open, at Lead');
    expect(exampleOutcome({ furthest: null, state: 'disqualified', stage: 'closed_lost' })).toBe(
      'Closed – lost before SAL',
    );
    expect(exampleOutcome({ furthest: null, state: 'nurture', stage: 'nurture' })).toBe(
      'In nurture, never reached SAL',
    );
  });

  it('tells what was replayed: the period, the leads, the events and the live version', () => {
    expect(replayedLine(simulation().replayed, 90, 'UTC')).toBe(
      'Last 90 days (3 Mar 2026 – 1 Jun 2026): 612 leads and 8,431 events replayed against live version 4.',
    );
    const imported = { ...simulation().replayed, notReplayable: 12 };
    expect(replayedLine(imported, 90, 'UTC')).toContain('12 of them were created past qualification');
  });
});

describe('the preview request', () => {
  it('asks for the last N days up to now', () => {
    const now = Date.parse('2026-06-01T12:00:00.000Z');
    expect(previewFrom(30, now)).toBe('2026-05-02T12:00:00.000Z');
    expect(previewFrom(365, now)).toBe('2025-06-01T12:00:00.000Z');
  });

  it('names a refused policy field by its path and a refused period as the period', () => {
    expect(
      requestProblems({
        error: 'validation_failed',
        message: 'Invalid request',
        issues: [
          { location: 'body', pointer: '/policy/lifecycle/mql/minFit', message: 'must be at most 100' },
          { location: 'body', pointer: '/from', message: 'leaves 300000 leads in the period' },
        ],
      }),
    ).toEqual(['lifecycle.mql.minFit: must be at most 100', 'Period: leaves 300000 leads in the period']);
    expect(requestProblems({ error: 'conflict', message: 'Someone published first.' })).toEqual([
      'Someone published first.',
    ]);
  });
});
