import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Lead, type MergeResult } from '@triage/contracts';
import { type MergeField, type MergeSide, STAGE_LABELS } from '@triage/core';
import { useCallback, useState } from 'react';
import { api } from '../api/api-client';
import { useOwners } from '../api/use-owners';
import { mergeRequest, mergeResultLines, mergeRows, resultingStage } from '../logic/duplicate-text';
import { navigate } from '../routing/router';
import { Dialog } from '../ui/dialog';

type Picks = Partial<Record<MergeField, MergeSide>>;

const label = (lead: Lead) => lead.name || lead.email;

/**
 * Both leads side by side, per field the value that survives (defaults as the server decides them), the stage the
 * merged lead ends in; two customers of different accounts need a second, explicit confirmation (the server's 409).
 */
export function MergeDialog({
  lead,
  otherId,
  onClose,
}: {
  lead: Lead;
  otherId: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { nameOf } = useOwners();
  const other = useQuery({ queryKey: ['lead', otherId], queryFn: () => api.getLead(otherId) });
  const [keepOther, setKeepOther] = useState(false);
  const [picks, setPicks] = useState<Picks>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const [result, setResult] = useState<MergeResult | null>(null);
  const names = { owner: (id: string | null) => nameOf(id) };

  const survivor = keepOther ? other.data : lead;
  const duplicate = keepOther ? lead : other.data;
  const rows = survivor && duplicate ? mergeRows(survivor, duplicate, names) : [];

  const merge = useMutation({
    mutationFn: () => api.mergeLead(survivor!.id, mergeRequest(duplicate!.id, rows, picks, force)),
    onSuccess: (merged) => {
      setResult(merged);
      setConflict(null);
      queryClient.setQueryData(['lead', merged.lead.id], (old: object | undefined) =>
        old ? { ...old, ...merged.lead } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['lead', merged.lead.id] });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (error) => {
      if (
        error instanceof ApiError &&
        error.status === 409 &&
        error.body.error === 'customers_of_different_accounts'
      )
        setConflict(
          `Both leads are customers, of different accounts (${survivor?.company ?? 'one'} and ${duplicate?.company ?? 'another'}). Merging joins two customer relationships into one`,
        );
    },
  });

  // Stable, so the dialog does not take the focus back on every render.
  const done = useCallback(() => {
    if (!result) return onClose();
    const gone = result.merged.id;
    if (gone === lead.id) navigate(`/leads/${result.lead.id}`, { replace: true });
    else onClose();
    // The merged lead's cached page would show it alive; its id now answers 404 with mergedInto.
    queryClient.removeQueries({ queryKey: ['lead', gone] });
  }, [result, lead.id, onClose, queryClient]);

  const swap = () => {
    setKeepOther((v) => !v);
    setPicks({});
    setConflict(null);
    setForce(false);
  };

  return (
    <Dialog title={result ? 'Leads merged' : 'Merge two leads'} onClose={done}>
      <div className="merge-dialog stack">
        {other.isPending && <p className="muted">Loading the other lead…</p>}
        {other.isError && !result && (
          <p className="error" role="alert">
            The other lead could not be loaded: {other.error.message}
          </p>
        )}
        {result && survivor && (
          <>
            <p className="notice good" role="status">
              {result.merged.email} was merged into {label(result.lead)}.
            </p>
            <ul className="merge-result" aria-label="What the merge did">
              {mergeResultLines(result, {
                owner: nameOf,
                account: (id) =>
                  [lead, other.data].find((l) => l?.accountId === id)?.company ?? 'another account',
              }).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <div className="row end">
              <button type="button" className="btn primary" onClick={done}>
                {result.merged.id === lead.id ? `Open ${label(result.lead)}` : 'Done'}
              </button>
            </div>
          </>
        )}
        {!result && survivor && duplicate && (
          <>
            <p>
              <strong>{label(survivor)}</strong> ({survivor.email}) keeps its page and history;{' '}
              <strong>{label(duplicate)}</strong> ({duplicate.email}) is folded into it.{' '}
              <button type="button" className="btn ghost small" onClick={swap}>
                Keep {duplicate.email} instead
              </button>
            </p>
            <div className="table-scroll">
              <table className="merge-table">
                <thead>
                  <tr>
                    <th scope="col" className="merge-cell merge-col">
                      Field
                    </th>
                    <th scope="col" className="merge-cell merge-col">
                      Keeps: <span className="merge-who">{survivor.email}</span>
                    </th>
                    <th scope="col" className="merge-cell merge-col">
                      Merged away: <span className="merge-who">{duplicate.email}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const side = picks[row.field] ?? row.defaultSide;
                    const cell = (which: MergeSide, value: string) =>
                      row.differs ? (
                        <label className={side === which ? 'merge-pick on' : 'merge-pick'}>
                          <input
                            type="radio"
                            name={`merge-${row.field}`}
                            checked={side === which}
                            onChange={() => setPicks((p) => ({ ...p, [row.field]: which }))}
                            aria-label={`${row.label}: keep ${value}`}
                          />
                          {value}
                        </label>
                      ) : (
                        <span className="muted">{value}</span>
                      );
                    return (
                      <tr key={row.field}>
                        <th scope="row" className="merge-cell">
                          {row.label}
                        </th>
                        <td className="merge-cell">{cell('survivor', row.survivor)}</td>
                        <td className="merge-cell">{cell('duplicate', row.duplicate)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p>
              The merged lead will be in{' '}
              <strong data-testid="merge-stage">
                {STAGE_LABELS[resultingStage(survivor, duplicate, rows, picks)]}
              </strong>
              . Custom fields are united (the kept lead&apos;s values win where both have one). Events, stage
              history, notes and assessments move over, and mail to {duplicate.email} will reach the kept
              lead.
            </p>
            {conflict && (
              <div className="notice bad" role="alert">
                <p>{conflict}.</p>
                <label className="check">
                  <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
                  These are one person: merge the two customers anyway
                </label>
              </div>
            )}
            {merge.isError && !conflict && (
              <p className="error" role="alert">
                {merge.error instanceof ApiError ? merge.error.message : 'The merge failed.'}
              </p>
            )}
            <div className="row end">
              <button type="button" className="btn ghost" onClick={onClose}>
                Cancel
              </button>
              <button
                type="button"
                className="btn primary"
                disabled={merge.isPending || (conflict !== null && !force)}
                onClick={() => merge.mutate()}
              >
                {conflict ? 'Merge anyway' : `Merge into ${label(survivor)}`}
              </button>
            </div>
          </>
        )}
      </div>
    </Dialog>
  );
}
