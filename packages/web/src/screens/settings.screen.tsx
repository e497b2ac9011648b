import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type PolicySimulationView } from '@triage/contracts';
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  type FollowUpPolicy,
  ICP_OPERATORS,
  type ScoringPolicy,
} from '@triage/core';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api-client';
import {
  checkFollowUp,
  type FollowUpProblem,
  problemLine,
  splitFollowUpIssues,
} from '../logic/follow-up-settings';
import { fromDraft, newRuleId, type PolicyDraft, type RuleRow, toDraft } from '../logic/policy-draft';
import { PREVIEW_PERIODS, type PreviewPeriod, previewFrom, requestProblems } from '../logic/policy-impact';
import { ModelsSection } from '../models/models-section';
import { useDocumentTitle } from '../routing/router';
import { ApiKeysSection } from '../settings/api-keys-section';
import { CustomFrameworksField } from '../settings/custom-frameworks-field';
import { FollowUpSection } from '../settings/follow-up-section';
import { NumberField } from '../settings/number-field';
import { PolicyImpactPanel } from '../settings/policy-impact-panel';

type PassRule = NonNullable<ScoringPolicy['frameworks']['passRules']>[string];

/** A preview and what it answered: the draft object it replayed (every edit makes a new one) and the period. */
interface Preview {
  simulation: PolicySimulationView;
  draft: PolicyDraft;
  days: PreviewPeriod;
}

/** A refused request's problems as lines, and the follow-up ones apart too, to be shown beside their fields. */
const problemsOf = (error: Error, fallback: string): { lines: string[]; followUp: FollowUpProblem[] } => {
  if (!(error instanceof ApiError)) return { lines: [fallback], followUp: [] };
  const { followUp, rest } = splitFollowUpIssues(error.body);
  const others = followUp.length && !rest.issues?.length ? [] : requestProblems(rest);
  return { lines: [...followUp.map(problemLine), ...others], followUp };
};

export function SettingsScreen() {
  useDocumentTitle('Settings');
  const queryClient = useQueryClient();
  const live = useQuery({ queryKey: ['policy'], queryFn: () => api.getPolicy() });
  const frameworks = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => api.frameworks(),
    staleTime: 600_000,
  });
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  // The server's follow-up problems, shown beside their fields until the section is edited again.
  const [followUpProblems, setFollowUpProblems] = useState<FollowUpProblem[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  // Bumped when the draft is replaced as a whole (published, discarded), so text fields start again from it.
  const [draftGeneration, setDraftGeneration] = useState(0);
  const [customFrameworksValid, setCustomFrameworksValid] = useState(true);
  const [days, setDays] = useState<PreviewPeriod>(90);
  const [preview, setPreview] = useState<Preview | null>(null);
  const previewPanel = useRef<HTMLElement>(null);

  useEffect(() => {
    if (live.data && !draft) setDraft(toDraft(live.data.policy));
  }, [live.data, draft]);

  const publish = useMutation({
    mutationFn: (policy: ScoringPolicy) =>
      api.putPolicy({ policy, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (result) => {
      setProblems([]);
      setFollowUpProblems([]);
      setNote('');
      setSaved(
        `Version ${result.version} is live; ${result.rescoredLeads.toLocaleString('en')} leads rescored.`,
      );
      queryClient.setQueryData(['policy'], result);
      setDraft(toDraft(result.policy));
      setDraftGeneration((n) => n + 1);
      setPreview(null);
      void queryClient.invalidateQueries({ queryKey: ['frameworks'] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      void queryClient.invalidateQueries({ queryKey: ['lead'] });
    },
    onError: (error) => {
      setSaved(null);
      const refused = problemsOf(error, 'The policy could not be saved.');
      setProblems(refused.lines);
      setFollowUpProblems(refused.followUp);
    },
  });

  // Nothing is stored: the server replays the period under the live policy and the draft and compares them.
  const simulate = useMutation({
    mutationFn: ({ policy, days }: { policy: ScoringPolicy; draft: PolicyDraft; days: PreviewPeriod }) =>
      api.simulatePolicy({ policy, from: previewFrom(days, Date.now()) }),
    onSuccess: (simulation, { draft, days }) => {
      setProblems([]);
      setPreview({ simulation, draft, days });
    },
    onError: (error) => {
      const refused = problemsOf(error, 'The preview could not be computed.');
      setProblems(refused.lines);
      setFollowUpProblems(refused.followUp);
    },
  });

  useEffect(() => {
    if (preview) previewPanel.current?.scrollIntoView({ block: 'start' });
  }, [preview]);

  if (live.isPending || !draft) return <div className="loading">Loading policy…</div>;
  if (live.isError) return <p className="error">Could not load the policy.</p>;
  const p = draft.policy;
  const update = (fn: (policy: ScoringPolicy) => void) => {
    const next = structuredClone(draft.policy);
    fn(next);
    setDraft({ ...draft, policy: next });
    setSaved(null);
  };
  const followUp = p.followUp;
  const updateFollowUp = (fn: (followUp: FollowUpPolicy) => void) => {
    update((n) => fn(n.followUp));
    setFollowUpProblems([]);
  };
  const setRule = (index: number, patch: Partial<RuleRow>) => {
    setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
    setSaved(null);
  };
  /** The draft as a policy, or null with its problems listed: publishing and previewing read it the same way. */
  const checkedPolicy = (): ScoringPolicy | null => {
    if (!customFrameworksValid) {
      setProblems(['Custom frameworks: the JSON is not complete yet; fix it or clear the field.']);
      return null;
    }
    const result = fromDraft(draft);
    const followUpLines = checkFollowUp(followUp).map(problemLine);
    if (!result.ok || followUpLines.length) {
      setProblems([...(result.ok ? [] : result.problems), ...followUpLines]);
      return null;
    }
    return result.policy;
  };
  const save = () => {
    const policy = checkedPolicy();
    if (policy) publish.mutate(policy);
  };
  const previewImpact = () => {
    const policy = checkedPolicy();
    if (policy) simulate.mutate({ policy, draft, days });
  };
  const previewStale =
    preview !== null &&
    (preview.draft !== draft ||
      preview.days !== days ||
      !customFrameworksValid ||
      preview.simulation.replayed.currentVersion !== live.data.version);
  const defaultKey = p.frameworks.default;
  // The built-in frameworks and this draft's own (a new one can be the default before it is published), once each;
  // the default's bare key only while the list is loading.
  const choices = new Map<string, string>();
  for (const f of frameworks.data?.items ?? []) if (!f.custom) choices.set(f.key, f.name);
  for (const f of p.frameworks.custom ?? []) choices.set(f.key, f.name);
  if (!choices.has(defaultKey)) choices.set(defaultKey, defaultKey);
  const frameworkChoices = [...choices].map(([key, name]) => ({ key, name }));
  const passRule = p.frameworks.passRules?.[defaultKey];
  const ownRule = frameworks.data?.items.find((f) => f.key === defaultKey)?.passRule;
  const setPassRule = (rule: PassRule | undefined) =>
    update((next) => {
      const rules = { ...(next.frameworks.passRules ?? {}) };
      if (rule) rules[defaultKey] = rule;
      else delete rules[defaultKey];
      next.frameworks.passRules = rules;
    });

  return (
    <section aria-labelledby="settings-title" className="settings">
      <div className="screen-head">
        <h1 id="settings-title">Scoring policy</h1>
        <span className="version" data-testid="live-version">
          Live: version {live.data.version}
        </span>
      </div>
      <p className="muted small">
        Published {new Date(live.data.createdAt).toLocaleString('en-GB')}
        {live.data.note ? ` — “${live.data.note}”` : ''}. Publishing creates a new version and rescores every
        lead.
      </p>

      <section className="card" aria-labelledby="icp-title">
        <h2 id="icp-title">Ideal customer profile</h2>
        <p className="muted small">
          Lists are comma-separated; ranges are written <code>min..max</code> (either side may be empty). A
          knock-out sets fit to 0.
        </p>
        <div className="table-scroll">
          <table className="edit">
            <thead>
              <tr>
                <th>Label</th>
                <th>Subject</th>
                <th>Field</th>
                <th>Operator</th>
                <th>Value</th>
                <th>Weight</th>
                <th>Knock-out</th>
                <th>
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.rules.map((r, i) => (
                <tr key={r.id}>
                  <td>
                    <input
                      aria-label={`Rule ${i + 1} label`}
                      value={r.label}
                      onChange={(e) => setRule(i, { label: e.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Rule ${i + 1} subject`}
                      value={r.subject}
                      onChange={(e) => setRule(i, { subject: e.target.value as RuleRow['subject'] })}
                    >
                      <option value="account">Account</option>
                      <option value="contact">Contact</option>
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Rule ${i + 1} field`}
                      list={`fields-${r.subject}`}
                      value={r.field}
                      onChange={(e) => setRule(i, { field: e.target.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={`Rule ${i + 1} operator`}
                      value={r.operator}
                      onChange={(e) => setRule(i, { operator: e.target.value as RuleRow['operator'] })}
                    >
                      {ICP_OPERATORS.map((o) => (
                        <option key={o} value={o}>
                          {o}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Rule ${i + 1} value`}
                      value={r.valueText}
                      onChange={(e) => setRule(i, { valueText: e.target.value })}
                    />
                  </td>
                  <td style={{ width: 80 }}>
                    <input
                      aria-label={`Rule ${i + 1} weight`}
                      type="number"
                      value={r.weight}
                      onChange={(e) => setRule(i, { weight: Number(e.target.value) })}
                    />
                  </td>
                  <td style={{ textAlign: 'center' }}>
                    <input
                      aria-label={`Rule ${i + 1} is a knock-out`}
                      type="checkbox"
                      checked={r.knockout}
                      onChange={(e) => setRule(i, { knockout: e.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn ghost small"
                      aria-label={`Remove rule ${r.label || r.id}`}
                      onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <datalist id="fields-account">
          {ACCOUNT_FIELDS.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <datalist id="fields-contact">
          {CONTACT_FIELDS.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <button
          type="button"
          className="btn small"
          onClick={() =>
            setDraft({
              ...draft,
              rules: [
                ...draft.rules,
                {
                  id: newRuleId(draft.rules),
                  label: '',
                  subject: 'account',
                  field: 'industry',
                  operator: 'in',
                  valueText: '',
                  weight: 10,
                  knockout: false,
                },
              ],
            })
          }
        >
          Add rule
        </button>
      </section>

      <section className="card" aria-labelledby="eng-title">
        <h2 id="eng-title">Engagement and heat</h2>
        <div className="grid-form">
          <NumberField
            label="Half-life (days)"
            value={p.engagement.halfLifeDays}
            onChange={(v) =>
              update((n) => {
                n.engagement.halfLifeDays = v;
              })
            }
          />
          <NumberField
            label="Warm from"
            value={p.engagement.heatTiers.warm}
            onChange={(v) =>
              update((n) => {
                n.engagement.heatTiers.warm = v;
              })
            }
          />
          <NumberField
            label="Hot from"
            value={p.engagement.heatTiers.hot}
            onChange={(v) =>
              update((n) => {
                n.engagement.heatTiers.hot = v;
              })
            }
          />
          <NumberField
            label="On fire from"
            value={p.engagement.heatTiers.onFire}
            onChange={(v) =>
              update((n) => {
                n.engagement.heatTiers.onFire = v;
              })
            }
          />
        </div>
        <h3>Event weights</h3>
        <table className="edit">
          <thead>
            <tr>
              <th>Event type</th>
              <th>Label</th>
              <th>Weight</th>
              <th>Hand-raiser</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(p.engagement.eventTypes).map(([type, t]) => (
              <tr key={type}>
                <td>
                  <code>{type}</code>
                </td>
                <td className="muted">{t.label ?? ''}</td>
                <td style={{ width: 100 }}>
                  <input
                    type="number"
                    aria-label={`Weight of ${type}`}
                    value={t.weight}
                    onChange={(e) =>
                      update((n) => {
                        n.engagement.eventTypes[type]!.weight = Number(e.target.value);
                      })
                    }
                  />
                </td>
                <td className="muted small">{t.handRaiser ? `yes → ${t.entryStage ?? 'mql'}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="life-title">
        <h2 id="life-title">MQL thresholds</h2>
        <div className="grid-form">
          <NumberField
            label="MQL minimum fit"
            value={p.lifecycle.mql.minFit}
            onChange={(v) =>
              update((n) => {
                n.lifecycle.mql.minFit = v;
              })
            }
          />
          <NumberField
            label="MQL minimum engagement"
            value={p.lifecycle.mql.minEngagement}
            onChange={(v) =>
              update((n) => {
                n.lifecycle.mql.minEngagement = v;
              })
            }
          />
          <NumberField
            label="Recycle from engagement"
            value={p.lifecycle.recycle.minEngagement}
            onChange={(v) =>
              update((n) => {
                n.lifecycle.recycle.minEngagement = v;
              })
            }
          />
        </div>
      </section>

      <section className="card" aria-labelledby="fw-title">
        <h2 id="fw-title">Qualification framework</h2>
        <div className="grid-form">
          <label>
            Default framework
            <select
              value={defaultKey}
              onChange={(e) =>
                update((n) => {
                  n.frameworks.default = e.target.value;
                })
              }
            >
              {frameworkChoices.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Pass rule
            <select
              value={passRule?.kind ?? 'framework'}
              onChange={(e) => {
                const kind = e.target.value;
                if (kind === 'framework') setPassRule(undefined);
                else if (kind === 'all') setPassRule({ kind: 'all' });
                else if (kind === 'k_of_n') setPassRule({ kind: 'k_of_n', k: 3 });
                else setPassRule({ kind: 'weighted', threshold: 0.7 });
              }}
            >
              <option value="framework">The framework's own ({describeRule(ownRule)})</option>
              <option value="all">All criteria met</option>
              <option value="k_of_n">At least k criteria met</option>
              <option value="weighted">Weighted share met</option>
            </select>
          </label>
          {passRule?.kind === 'k_of_n' && (
            <NumberField
              label="k"
              value={passRule.k}
              onChange={(v) => setPassRule({ ...passRule, k: Math.max(1, Math.round(v)) })}
            />
          )}
          {passRule?.kind === 'weighted' && (
            <NumberField
              label="Threshold (0–1)"
              step={0.05}
              value={passRule.threshold}
              onChange={(v) => setPassRule({ ...passRule, threshold: v })}
            />
          )}
          <CustomFrameworksField
            key={draftGeneration}
            onValidity={setCustomFrameworksValid}
            custom={p.frameworks.custom}
            onChange={(custom) =>
              update((n) => {
                if (custom) n.frameworks.custom = custom;
                else delete n.frameworks.custom;
              })
            }
          />
        </div>
      </section>

      <FollowUpSection followUp={followUp} onChange={updateFollowUp} serverProblems={followUpProblems} />

      {preview && (
        <PolicyImpactPanel
          ref={previewPanel}
          simulation={preview.simulation}
          days={preview.days}
          stale={previewStale}
          onRefresh={previewImpact}
          refreshing={simulate.isPending}
        />
      )}

      <ModelsSection />
      <ApiKeysSection />
      <div className="savebar">
        <input
          aria-label="What changed (note for the version history)"
          placeholder="What changed? (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          style={{ flex: '1 1 240px' }}
        />
        <button
          type="button"
          className="btn ghost"
          onClick={() => {
            setDraft(toDraft(live.data.policy));
            setDraftGeneration((n) => n + 1);
            setCustomFrameworksValid(true);
            setFollowUpProblems([]);
            setPreview(null);
          }}
        >
          Discard changes
        </button>
        <select
          aria-label="Period to preview"
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as PreviewPeriod)}
        >
          {PREVIEW_PERIODS.map((period) => (
            <option key={period} value={period}>
              Last {period} days
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={previewImpact} disabled={simulate.isPending}>
          {simulate.isPending ? 'Replaying…' : 'Preview impact'}
        </button>
        <button type="button" className="btn primary" onClick={save} disabled={publish.isPending}>
          {publish.isPending ? 'Publishing…' : 'Publish new version'}
        </button>
        <span role="status" className="small">
          {saved}
        </span>
        {problems.length > 0 && (
          <ul className="error small" role="alert" style={{ width: '100%' }}>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function describeRule(rule: Record<string, unknown> | undefined): string {
  if (!rule) return '…';
  if (rule.kind === 'k_of_n') return `${rule.k} of n`;
  if (rule.kind === 'weighted') return `weighted ≥ ${rule.threshold}`;
  return 'all';
}
