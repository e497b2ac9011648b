import type { ScoringPolicy } from '@triage/core';
import { useState } from 'react';

type CustomFrameworks = NonNullable<ScoringPolicy['frameworks']['custom']>;

const asText = (custom: CustomFrameworks | undefined) =>
  custom?.length ? JSON.stringify(custom, null, 2) : '';

/**
 * The workspace's own frameworks as JSON (key, version, name, description, criteria with level, weight, concepts
 * and at least three questions, pass rule), published with the rest of the policy; the server checks them against
 * the same rules as the built-in ones and names each problem. Empty means none.
 */
export function CustomFrameworksField({
  custom,
  onChange,
  onValidity,
}: {
  custom: CustomFrameworks | undefined;
  onChange: (custom: CustomFrameworks | undefined) => void;
  /** Told whether the text is a JSON list now: the policy must not be published from half-typed JSON. */
  onValidity: (valid: boolean) => void;
}) {
  const [text, setText] = useState(() => asText(custom));
  const [problem, setProblem] = useState<string | null>(null);
  const edit = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setProblem(null);
      onValidity(true);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      if (!Array.isArray(parsed)) throw new Error('write a list: [ { "key": …, … } ]');
      setProblem(null);
      onValidity(true);
      onChange(parsed as CustomFrameworks);
    } catch (error) {
      setProblem(`Not valid JSON yet: ${error instanceof Error ? error.message : String(error)}`);
      onValidity(false);
    }
  };
  return (
    <label className="wide">
      Custom frameworks (JSON list; published with the policy)
      <textarea
        rows={text ? 12 : 3}
        spellCheck={false}
        value={text}
        placeholder='[{ "key": "pilot_ready", "version": 1, "name": "Pilot ready", "description": "…", "criteria": […], "passRule": { "kind": "all" } }]'
        onChange={(e) => edit(e.target.value)}
      />
      {problem && (
        <span className="error small" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
