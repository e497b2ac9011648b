import { useEffect, useState } from 'react';

/**
 * A number input that keeps what is being typed ("", "1.") while passing on only numbers that read, so a
 * half-typed value never reaches the draft.
 */
export function NumberField({
  label,
  value,
  onChange,
  step,
  disabled,
  problem,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  step?: number;
  disabled?: boolean;
  /** Shown under the input, e.g. the server's or the schema's message for this field. */
  problem?: string | undefined;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <label>
      {label}
      <input
        type="number"
        value={text}
        step={step ?? 'any'}
        disabled={disabled ?? false}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value !== '' && Number.isFinite(Number(e.target.value)))
            onChange(Number(e.target.value));
        }}
      />
      {problem && <span className="error small field-problem">{problem}</span>}
    </label>
  );
}
