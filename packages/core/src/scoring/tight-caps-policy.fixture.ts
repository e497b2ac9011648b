import type { EngagementPolicy } from '../policy/scoring-policy';

/** Tests only. Tight caps, so that generated ledgers often overflow a window, also across batches. */
export const TIGHT_CAPS_POLICY: EngagementPolicy = {
  halfLifeDays: 7,
  eventTypes: {
    page_view: { weight: 1, cap: { points: 3, windowDays: 1 } },
    email_open: { weight: 0.5, cap: { points: 2, windowDays: 7 } },
    content_download: { weight: 8, cap: { points: 16, windowDays: 3 } },
    webinar_attended: { weight: 15 },
    demo_request: { weight: 40, handRaiser: true },
    unsubscribe: { weight: -25 },
  },
  heatTiers: { warm: 10, hot: 30, onFire: 60 },
};
