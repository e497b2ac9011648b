import type { HeatTier } from '@triage/contracts';

const FLAMES: Record<HeatTier, { count: number; label: string }> = {
  cold: { count: 0, label: 'Cold' },
  warm: { count: 1, label: 'Warm' },
  hot: { count: 2, label: 'Hot' },
  on_fire: { count: 3, label: 'On fire' },
};

/** Heat as flames: three slots, lit by tier; the tier name is the accessible text. */
export function HeatFlames({ heat, showLabel = false }: { heat: HeatTier; showLabel?: boolean }) {
  const { count, label } = FLAMES[heat];
  return (
    <span className={`heat heat-${heat}`} role="img" aria-label={`Heat: ${label}`} title={label}>
      {count === 0 ? (
        <span className="heat-cold" aria-hidden="true">
          ❄
        </span>
      ) : (
        [0, 1, 2].map((i) => (
          <span key={i} className={i < count ? 'flame lit' : 'flame'} aria-hidden="true">
            <FlameIcon />
          </span>
        ))
      )}
      {showLabel && <span className="heat-label">{label}</span>}
    </span>
  );
}

function FlameIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8.6 1c.4 2.2-.6 3.5-1.7 4.8C5.8 7.1 4.5 8.4 4.5 10.6 4.5 13 6.2 15 8.2 15c2.3 0 3.8-1.8 3.8-4.2 0-1.6-.7-2.7-1.4-3.6-.1 1-.6 1.8-1.4 2.1.5-2.6-.1-6.1-.6-8.3Z"
      />
    </svg>
  );
}
