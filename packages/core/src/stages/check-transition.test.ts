import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition } from './check-transition';
import { CLOSED_STAGES, OPEN_STAGES, STAGES } from './stages';
import { TRANSITIONS } from './transition-table';

describe('the transition table', () => {
  it('names only known stages and never a move to the same stage', () => {
    for (const from of STAGES) {
      for (const to of TRANSITIONS[from]) {
        expect(STAGES).toContain(to);
        expect(to).not.toBe(from);
      }
    }
  });

  it('leads every qualified entry route (MQL, PQL, CQL) to sales acceptance', () => {
    for (const route of ['mql', 'pql', 'cql'] as const) expect(allowedTransitions(route)).toContain('sal');
  });

  it('reaches SQL only through SAL', () => {
    const into = STAGES.filter((s) => TRANSITIONS[s].includes('sql'));
    expect(into).toEqual(['sal']);
  });

  it('lets every stage reach customer or a closed door, except customer itself, which is final', () => {
    expect(allowedTransitions('customer')).toEqual([]);
    const reachable = (from: string, seen = new Set<string>()): Set<string> => {
      for (const to of TRANSITIONS[from as keyof typeof TRANSITIONS]) {
        if (!seen.has(to)) {
          seen.add(to);
          reachable(to, seen);
        }
      }
      return seen;
    };
    for (const stage of STAGES.filter((s) => s !== 'customer'))
      expect(reachable(stage)).toContain('customer');
  });

  it('splits every stage into open or closed, once, keeping lifecycle order for the open ones', () => {
    expect([...OPEN_STAGES, ...CLOSED_STAGES].sort()).toEqual([...STAGES].sort());
    expect(OPEN_STAGES.filter((s) => (CLOSED_STAGES as readonly string[]).includes(s))).toEqual([]);
    expect(OPEN_STAGES).toEqual(STAGES.filter((s) => OPEN_STAGES.includes(s)));
  });

  it('hands out a copy, so a caller cannot change the rules', () => {
    allowedTransitions('lead').push('customer');
    expect(allowedTransitions('lead')).not.toContain('customer');
  });
});

describe('checkTransition', () => {
  it('allows a move in the table', () => {
    expect(checkTransition({ from: 'mql', to: 'sal' })).toEqual({ ok: true });
  });

  it('refuses a move outside the table and lists what is allowed', () => {
    expect(checkTransition({ from: 'lead', to: 'customer' })).toEqual({
      ok: false,
      code: 'illegal_transition',
      message:
        'Cannot move from Lead to Customer; allowed: Marketing-qualified (MQL), Product-qualified (PQL), ' +
        'Conversion-qualified (CQL), Sales-accepted (SAL), Disqualified, Nurture',
      allowed: ['mql', 'pql', 'cql', 'sal', 'disqualified', 'nurture'],
    });
  });

  it('refuses a move to the stage the lead is already in', () => {
    const check = checkTransition({ from: 'sal', to: 'sal' });
    expect(check).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      message: 'The lead is already in Sales-accepted (SAL)',
    });
  });

  it('says a customer cannot move anywhere', () => {
    const check = checkTransition({ from: 'customer', to: 'nurture' });
    expect(check.ok === false && check.message).toBe(
      'Cannot move from Customer to Nurture; allowed: nothing (final stage)',
    );
  });

  it('needs a reason to disqualify or to close as lost', () => {
    expect(checkTransition({ from: 'sal', to: 'disqualified' })).toEqual({
      ok: false,
      code: 'reason_required',
      message: 'Moving to Disqualified needs a reason',
    });
    expect(checkTransition({ from: 'opportunity', to: 'closed_lost' })).toMatchObject({
      code: 'reason_required',
    });
    expect(checkTransition({ from: 'sal', to: 'disqualified', reason: 'no_budget' })).toEqual({ ok: true });
  });

  it('needs an explanation when the reason is "other"', () => {
    expect(
      checkTransition({ from: 'lead', to: 'disqualified', reason: 'other', reasonText: '  ' }),
    ).toMatchObject({
      code: 'reason_text_required',
    });
    expect(
      checkTransition({
        from: 'lead',
        to: 'disqualified',
        reason: 'other',
        reasonText: 'Acquired by a client',
      }),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses a disqualification reason on a move that closes nothing', () => {
    expect(checkTransition({ from: 'sal', to: 'sql', reason: 'no_budget' })).toEqual({
      ok: false,
      code: 'reason_not_allowed',
      message:
        'A disqualification reason goes only with Disqualified or Closed – lost, not Sales-qualified (SQL); use the note for other words',
    });
    expect(checkTransition({ from: 'nurture', to: 'mql', reason: 'bad_timing' })).toMatchObject({
      code: 'reason_not_allowed',
    });
  });
});
