import { DEFAULT_FOLLOW_UP_POLICY } from '../follow-up/follow-up-policy';
import type { ScoringPolicy } from './scoring-policy';

/**
 * A starting point for a B2B SaaS company selling to mid-market sales and marketing teams.
 * Every number is meant to be edited; the shape is what matters.
 *
 * Fit: the positive weights add up to 100, so a lead's fit reads as "share of the ideal profile met".
 * Positive rules are chosen so that one lead can meet all of them: two mutually exclusive positive
 * rules (two size bands, say) would keep every lead below 100.
 * Engagement: one demo request (40) beats a month of page views (caps keep browsing from adding up
 * to a hand-raise); with a 14-day half-life last month's webinar counts a quarter of today's.
 */
export const DEFAULT_POLICY: ScoringPolicy = {
  description: 'Default B2B SaaS policy',
  icp: {
    rules: [
      {
        id: 'industry-software',
        label: 'Target industry',
        subject: 'account',
        field: 'industry',
        operator: 'in',
        value: ['software', 'saas', 'information technology', 'internet', 'fintech', 'professional services'],
        weight: 20,
      },
      {
        id: 'size-mid-market',
        label: 'Mid-market size',
        subject: 'account',
        field: 'employees',
        operator: 'range',
        value: { min: 50, max: 5000 },
        weight: 20,
      },
      {
        id: 'revenue-5m-plus',
        label: 'Revenue above $5M',
        subject: 'account',
        field: 'annualRevenue',
        operator: 'range',
        value: { min: 5_000_000 },
        weight: 10,
      },
      {
        id: 'territory',
        label: 'Served territory',
        subject: 'account',
        field: 'country',
        operator: 'in',
        value: ['US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'NL', 'PL', 'FR', 'SE', 'DK', 'NO', 'FI'],
        weight: 10,
      },
      {
        id: 'uses-crm',
        label: 'Runs a CRM we integrate with',
        subject: 'account',
        field: 'technologies',
        operator: 'in',
        value: ['salesforce', 'hubspot', 'pipedrive', 'dynamics 365'],
        weight: 10,
      },
      {
        id: 'decision-maker',
        label: 'Decision-maker',
        subject: 'contact',
        field: 'seniority',
        operator: 'in',
        value: ['c_level', 'vp', 'director'],
        weight: 15,
      },
      {
        id: 'buying-department',
        label: 'Buying department',
        subject: 'contact',
        field: 'department',
        operator: 'in',
        value: ['sales', 'marketing', 'executive'],
        weight: 15,
      },
      {
        id: 'too-small',
        label: 'Very small company',
        subject: 'account',
        field: 'employees',
        operator: 'range',
        value: { max: 10 },
        weight: -20,
      },
      {
        id: 'free-mail',
        label: 'Personal mailbox',
        subject: 'contact',
        field: 'emailDomainKind',
        operator: 'equals',
        value: 'free',
        weight: -15,
      },
      {
        id: 'junior-title',
        label: 'Junior or student title',
        subject: 'contact',
        field: 'title',
        operator: 'matches',
        value: '\\b(intern|interns|student|trainee)\\b|stażyst',
        weight: -10,
      },
      {
        id: 'student-or-throwaway',
        label: 'School or throw-away address',
        subject: 'contact',
        field: 'emailDomainKind',
        operator: 'in',
        value: ['education', 'disposable'],
        weight: 0,
        knockout: true,
      },
      {
        id: 'competitor',
        label: 'Known competitor',
        subject: 'account',
        field: 'custom.competitor',
        operator: 'equals',
        value: true,
        weight: 0,
        knockout: true,
      },
    ],
  },
  engagement: {
    halfLifeDays: 14,
    eventTypes: {
      page_view: { weight: 1, cap: { points: 10, windowDays: 1 }, label: 'Page views' },
      pricing_page_view: { weight: 5, cap: { points: 15, windowDays: 1 }, label: 'Pricing page views' },
      content_download: { weight: 8, cap: { points: 24, windowDays: 7 }, label: 'Content downloads' },
      webinar_registered: { weight: 5, label: 'Webinar registrations' },
      webinar_attended: { weight: 15, label: 'Webinars attended' },
      email_open: { weight: 1, cap: { points: 5, windowDays: 7 }, label: 'Email opens' },
      email_click: { weight: 3, cap: { points: 12, windowDays: 7 }, label: 'Email clicks' },
      email_reply: { weight: 10, label: 'Email replies' },
      form_submit: { weight: 10, cap: { points: 20, windowDays: 1 }, label: 'Form submissions' },
      demo_request: { weight: 40, handRaiser: true, label: 'Demo requests' },
      contact_sales: { weight: 40, handRaiser: true, entryStage: 'cql', label: 'Contact-sales requests' },
      trial_signup: { weight: 30, handRaiser: true, entryStage: 'pql', label: 'Trial sign-ups' },
      product_usage: { weight: 2, cap: { points: 20, windowDays: 7 }, label: 'Product usage' },
      meeting_booked: { weight: 30, handRaiser: true, label: 'Meetings booked' },
      meeting_held: { weight: 25, label: 'Meetings held' },
      unsubscribe: { weight: -30, label: 'Unsubscribes' },
    },
    heatTiers: { warm: 15, hot: 40, onFire: 80 },
  },
  lifecycle: {
    mql: { minFit: 60, minEngagement: 30 },
    recycle: { minEngagement: 40 },
  },
  frameworks: { default: 'bant' },
  followUp: DEFAULT_FOLLOW_UP_POLICY,
};
