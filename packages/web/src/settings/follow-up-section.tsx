import {
  DEFAULT_FOLLOW_UP_POLICY,
  type FollowUpPolicy,
  STAGE_LABELS,
  STAGES,
  type Stage,
  WEEKDAYS,
} from '@triage/core';
import { useState } from 'react';
import {
  addHoliday,
  checkFollowUp,
  type FollowUpProblem,
  fieldOf,
  localNow,
  timeZoneChoices,
  toggleDay,
  weekdayLabel,
} from '../logic/follow-up-settings';
import { NumberField } from './number-field';

const browserZone = (): string | null => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
};

const supportedZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

/**
 * The policy's `followUp` section: business hours, the speed-to-lead target and escalation, and when a lead has gone
 * quiet. Each edit goes to the draft, published with the rest of the policy; the schema's own messages show beside
 * the field as you type, and the server's after a refused publish.
 */
export function FollowUpSection({
  followUp,
  onChange,
  serverProblems,
}: {
  followUp: FollowUpPolicy;
  onChange: (fn: (next: FollowUpPolicy) => void) => void;
  serverProblems: readonly FollowUpProblem[];
}) {
  const [zones] = useState(supportedZones);
  const [holiday, setHoliday] = useState('');
  const hours = followUp.businessHours;
  const quiet = followUp.goneQuiet;
  const speed = followUp.speedToLead;
  const problems = [...checkFollowUp(followUp), ...serverProblems];
  const problemOf = (key: string) => {
    const messages = [...new Set(problems.filter((p) => fieldOf(p.key) === key).map((p) => p.message))];
    return messages.length ? messages.join('; ') : undefined;
  };
  const here = browserZone();
  const now = localNow(hours.timeZone, Date.now());
  const closed = hours.alwaysOpen;

  return (
    <section className="card follow-up-settings" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">Follow-up</h2>
      <p className="muted small">
        The speed-to-lead clock counts business minutes only, read in this time zone; a lead left alone in a
        working stage has gone quiet after some calendar days.
      </p>

      <h3>Business hours</h3>
      <div className="grid-form">
        <label className="zone-field">
          Time zone
          <input
            list="time-zones"
            value={hours.timeZone}
            spellCheck={false}
            aria-invalid={problemOf('businessHours.timeZone') ? true : undefined}
            onChange={(e) =>
              onChange((n) => {
                n.businessHours.timeZone = e.target.value.trim();
              })
            }
          />
          {problemOf('businessHours.timeZone') ? (
            <span className="error small field-problem">{problemOf('businessHours.timeZone')}</span>
          ) : (
            now && <span className="muted small">Now there: {now}</span>
          )}
        </label>
        {here && here !== hours.timeZone && (
          <div className="zone-suggestion">
            <button
              type="button"
              className="btn ghost small"
              onClick={() =>
                onChange((n) => {
                  n.businessHours.timeZone = here;
                })
              }
            >
              Use {here} (this browser)
            </button>
          </div>
        )}
        <label className="check wide">
          <input
            type="checkbox"
            checked={hours.alwaysOpen}
            onChange={(e) =>
              onChange((n) => {
                n.businessHours.alwaysOpen = e.target.checked;
              })
            }
          />
          Open around the clock (24/7): every minute counts, days, hours and holidays are ignored
        </label>
        <fieldset className="wide day-toggles" disabled={closed}>
          <legend>Working days</legend>
          <div className="chips">
            {WEEKDAYS.map((day) => (
              <button
                key={day}
                type="button"
                className={`chip${hours.days.includes(day) ? ' on' : ''}`}
                aria-pressed={hours.days.includes(day)}
                onClick={() =>
                  onChange((n) => {
                    n.businessHours.days = toggleDay(n.businessHours.days, day);
                  })
                }
              >
                {weekdayLabel(day)}
              </button>
            ))}
          </div>
          {problemOf('businessHours.days') && (
            <span className="error small field-problem">{problemOf('businessHours.days')}</span>
          )}
        </fieldset>
        <TimeField
          label="Opens at"
          value={hours.start}
          disabled={closed}
          problem={problemOf('businessHours.start')}
          onChange={(v) =>
            onChange((n) => {
              n.businessHours.start = v;
            })
          }
        />
        <TimeField
          label="Closes at"
          value={hours.end}
          disabled={closed}
          problem={problemOf('businessHours.end')}
          onChange={(v) =>
            onChange((n) => {
              n.businessHours.end = v;
            })
          }
        />
        <fieldset className="wide holidays" disabled={closed}>
          <legend>Holidays (local dates the team does not work)</legend>
          {hours.holidays.length === 0 ? (
            <p className="muted small">None.</p>
          ) : (
            <ul className="holiday-list" aria-label="Holidays">
              {hours.holidays.map((date) => (
                <li key={date}>
                  <span>{date}</span>
                  <button
                    type="button"
                    className="btn ghost small"
                    aria-label={`Remove holiday ${date}`}
                    onClick={() =>
                      onChange((n) => {
                        n.businessHours.holidays = n.businessHours.holidays.filter((d) => d !== date);
                      })
                    }
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="holiday-add">
            <input
              type="date"
              aria-label="Holiday date"
              value={holiday}
              onChange={(e) => setHoliday(e.target.value)}
            />
            <button
              type="button"
              className="btn small"
              disabled={!holiday}
              onClick={() => {
                onChange((n) => {
                  n.businessHours.holidays = addHoliday(n.businessHours.holidays, holiday);
                });
                setHoliday('');
              }}
            >
              Add holiday
            </button>
          </div>
          {problemOf('businessHours.holidays') && (
            <span className="error small field-problem">{problemOf('businessHours.holidays')}</span>
          )}
        </fieldset>
      </div>
      <datalist id="time-zones">
        {timeZoneChoices(zones, hours.timeZone).map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>

      <h3>Speed to lead</h3>
      <div className="grid-form">
        <NumberField
          label="Target (business minutes)"
          step={1}
          value={speed.targetMinutes}
          problem={problemOf('speedToLead.targetMinutes')}
          onChange={(v) =>
            onChange((n) => {
              n.speedToLead.targetMinutes = v;
            })
          }
        />
        <OrNeverField
          label="Escalate after (minutes past due)"
          never="Never escalate"
          value={speed.escalateAfterMinutes}
          fallback={DEFAULT_FOLLOW_UP_POLICY.speedToLead.escalateAfterMinutes ?? 25}
          problem={problemOf('speedToLead.escalateAfterMinutes')}
          onChange={(v) =>
            onChange((n) => {
              n.speedToLead.escalateAfterMinutes = v;
            })
          }
        />
      </div>

      <h3>Gone quiet</h3>
      <div className="grid-form">
        <NumberField
          label="Gone quiet after (days)"
          step={1}
          value={quiet.afterDays}
          problem={problemOf('goneQuiet.afterDays')}
          onChange={(v) =>
            onChange((n) => {
              n.goneQuiet.afterDays = v;
            })
          }
        />
        <OrNeverField
          label="Give up after (days)"
          never="Never give up"
          value={quiet.giveUpAfterDays}
          fallback={Math.max(DEFAULT_FOLLOW_UP_POLICY.goneQuiet.giveUpAfterDays ?? 45, quiet.afterDays + 1)}
          problem={problemOf('goneQuiet.giveUpAfterDays')}
          onChange={(v) =>
            onChange((n) => {
              n.goneQuiet.giveUpAfterDays = v;
            })
          }
        />
        <fieldset className="wide">
          <legend>Watched stages</legend>
          <div className="chips">
            {STAGES.filter((stage) => !CLOSED_STAGES.has(stage) || quiet.stages.includes(stage)).map(
              (stage) => (
                <button
                  key={stage}
                  type="button"
                  className={`chip${quiet.stages.includes(stage) ? ' on' : ''}`}
                  aria-pressed={quiet.stages.includes(stage)}
                  onClick={() =>
                    onChange((n) => {
                      const on = new Set(n.goneQuiet.stages);
                      if (on.has(stage)) on.delete(stage);
                      else on.add(stage);
                      n.goneQuiet.stages = STAGES.filter((s) => on.has(s));
                    })
                  }
                >
                  {STAGE_LABELS[stage]}
                </button>
              ),
            )}
          </div>
          {problemOf('goneQuiet.stages') && (
            <span className="error small field-problem">{problemOf('goneQuiet.stages')}</span>
          )}
        </fieldset>
      </div>
    </section>
  );
}

/** Stages no one works a lead in: a customer, a lead disqualified, lost or in nurture is not chased. */
const CLOSED_STAGES = new Set<Stage>(['customer', 'disqualified', 'nurture', 'closed_lost']);

function TimeField({
  label,
  value,
  onChange,
  disabled,
  problem,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  problem: string | undefined;
}) {
  return (
    <label>
      {label}
      <input
        type="time"
        value={value}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && <span className="error small field-problem">{problem}</span>}
    </label>
  );
}

/** A whole number or "never" (null); unticking "never" brings back the last number, or the fallback. */
function OrNeverField({
  label,
  never,
  value,
  fallback,
  onChange,
  problem,
}: {
  label: string;
  never: string;
  value: number | null;
  fallback: number;
  onChange: (value: number | null) => void;
  problem: string | undefined;
}) {
  const [last, setLast] = useState(value ?? fallback);
  return (
    <div className="or-never">
      <NumberField
        label={label}
        step={1}
        value={value ?? last}
        disabled={value === null}
        problem={problem}
        onChange={(v) => {
          setLast(v);
          onChange(v);
        }}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={value === null}
          onChange={(e) => onChange(e.target.checked ? null : last)}
        />
        {never}
      </label>
    </div>
  );
}
