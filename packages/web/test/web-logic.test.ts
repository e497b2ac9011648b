import type { AssessmentView } from '@triage/contracts';
import { allowedTransitions, ICP_OPERATORS, STAGES, type Stage } from '@triage/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentWithChange, groupByLevel } from '../src/logic/assessment-edit';
import { decideDrop } from '../src/logic/board-drop';
import { isTypingTarget, moveSelection } from '../src/logic/list-navigation';
import { formatRuleValue, parseRuleValue } from '../src/logic/rule-value';
import { waitingSince } from '../src/logic/speed-to-lead';
import { stageActions } from '../src/logic/stage-actions';

describe('board drops', () => {
  it('moves along an allowed transition and refuses a forbidden one with the allowed stages', () => {
    expect(decideDrop('mql', 'sal')).toEqual({ kind: 'move', to: 'sal' });
    const refused = decideDrop('lead', 'customer');
    expect(refused.kind).toBe('refused');
    expect(refused.kind === 'refused' && refused.message).toMatch(/cannot move to Customer/);
    expect(refused.kind === 'refused' && refused.message).toMatch(/Sales-accepted \(SAL\)/);
  });

  it('asks for a reason before disqualifying or closing as lost', () => {
    expect(decideDrop('sal', 'disqualified')).toEqual({ kind: 'needs_reason', to: 'disqualified' });
    expect(decideDrop('opportunity', 'closed_lost')).toEqual({ kind: 'needs_reason', to: 'closed_lost' });
  });

  it('agrees with the transition table for every pair of stages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.constantFrom(...STAGES), (from: Stage, to: Stage) => {
        const kind = decideDrop(from, to).kind;
        if (from === to) return kind === 'stay';
        return allowedTransitions(from).includes(to) ? kind !== 'refused' : kind === 'refused';
      }),
    );
  });
});

describe('stage actions on the lead page', () => {
  it('offers only allowed moves, forward ones first, with the rep’s verbs', () => {
    const actions = stageActions('mql');
    expect(actions.map((a) => a.to).sort()).toEqual([...allowedTransitions('mql')].sort());
    expect(actions[0]).toMatchObject({ to: 'sal', label: 'Accept (SAL)', tone: 'forward' });
    expect(actions.find((a) => a.to === 'disqualified')).toMatchObject({
      needsReason: true,
      tone: 'negative',
    });
  });

  it('offers nothing for a customer', () => {
    expect(stageActions('customer')).toEqual([]);
  });
});

describe('speed-to-lead age', () => {
  const raised = '2026-06-01T09:00:00.000Z';
  const at = (min: number) => Date.parse(raised) + min * 60_000;
  it('counts how long an uncontacted hand-raiser has waited and flags it when late', () => {
    const lead = { firstHandRaiseAt: raised, firstContactedAt: null, stage: 'mql' as const };
    expect(waitingSince(lead, at(3))).toEqual({ minutes: 3, status: 'on_time' });
    expect(waitingSince(lead, at(20))?.status).toBe('overdue');
    expect(waitingSince(lead, at(90))?.status).toBe('late');
  });
  it('stops once someone made contact or the lead left the queue', () => {
    expect(
      waitingSince({ firstHandRaiseAt: raised, firstContactedAt: raised, stage: 'sal' }, at(5)),
    ).toBeNull();
    expect(
      waitingSince({ firstHandRaiseAt: raised, firstContactedAt: null, stage: 'disqualified' }, at(5)),
    ).toBeNull();
    expect(waitingSince({ firstHandRaiseAt: null, firstContactedAt: null, stage: 'lead' }, at(5))).toBeNull();
  });
});

describe('keyboard navigation', () => {
  it('moves with j/k without leaving the list', () => {
    expect(moveSelection(-1, 'j', 3)).toBe(0);
    expect(moveSelection(0, 'j', 3)).toBe(1);
    expect(moveSelection(2, 'j', 3)).toBe(2);
    expect(moveSelection(0, 'k', 3)).toBe(0);
    expect(moveSelection(1, 'x', 3)).toBeNull();
    expect(moveSelection(0, 'j', 0)).toBeNull();
  });
  it('ignores keys typed into fields', () => {
    expect(isTypingTarget(document.createElement('input'))).toBe(true);
    expect(isTypingTarget(document.createElement('div'))).toBe(false);
  });
});

describe('ICP rule values in one text box', () => {
  it('reads lists, ranges and scalars', () => {
    expect(parseRuleValue('in', 'software, saas , 42')).toEqual({
      ok: true,
      value: ['software', 'saas', 42],
    });
    expect(parseRuleValue('range', '50..5000')).toEqual({ ok: true, value: { min: 50, max: 5000 } });
    expect(parseRuleValue('range', '..10')).toEqual({ ok: true, value: { max: 10 } });
    expect(parseRuleValue('equals', 'free')).toEqual({ ok: true, value: 'free' });
  });
  it('names what is wrong', () => {
    expect(parseRuleValue('range', '100..10')).toMatchObject({ ok: false, message: /minimum is above/ });
    expect(parseRuleValue('range', 'big')).toMatchObject({ ok: false });
    expect(parseRuleValue('in', ' , ')).toMatchObject({ ok: false });
  });
  it('reads back what it writes, for ranges', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 1e7 }), { nil: undefined }),
        fc.integer({ min: 0, max: 1e7 }),
        (min, span) => {
          const value = { ...(min !== undefined ? { min } : {}), max: (min ?? 0) + span };
          const text = formatRuleValue({ operator: 'range', value });
          expect(parseRuleValue('range', text)).toEqual({ ok: true, value });
        },
      ),
    );
    expect(ICP_OPERATORS.length).toBeGreaterThan(0);
  });
});

describe('assessment edits', () => {
  const view = {
    criteria: [
      {
        key: 'budget',
        level: 'organization',
        status: 'met',
        evidence: '50k set aside',
        source: 'extracted',
        confidence: 0.8,
      },
      {
        key: 'need',
        level: 'organization',
        status: 'unknown',
        evidence: null,
        source: null,
        confidence: null,
      },
      {
        key: 'authority',
        level: 'stakeholder',
        status: 'unknown',
        evidence: null,
        source: null,
        confidence: null,
      },
      {
        key: 'timeline',
        level: 'opportunity',
        status: 'partial',
        evidence: null,
        source: 'rep',
        confidence: null,
      },
    ],
  } as unknown as AssessmentView;

  it('keeps the other criteria (and their sources) when one changes', () => {
    const body = assessmentWithChange(view, 'need', { status: 'met' });
    expect(body.criteria).toEqual({
      budget: { status: 'met', source: 'extracted', evidence: '50k set aside', confidence: 0.8 },
      need: { status: 'met', source: 'rep' },
      timeline: { status: 'partial', source: 'rep' },
    });
  });

  it('makes a criterion the rep’s when the rep edits its evidence', () => {
    const body = assessmentWithChange(view, 'budget', { evidence: '  60k approved ' });
    expect(body.criteria.budget).toEqual({ status: 'met', source: 'rep', evidence: '60k approved' });
  });

  it('groups criteria in the order levels are checked', () => {
    expect(groupByLevel(view.criteria).map((g) => g.level)).toEqual([
      'organization',
      'opportunity',
      'stakeholder',
    ]);
  });
});
