import { useQuery } from '@tanstack/react-query';
import type { BusinessHours } from '@triage/core';
import { api } from './api-client';

/** The workspace's business hours from the live policy (shared with the other screens' ['policy'] query). */
export function useBusinessHours(): BusinessHours | null {
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api.getPolicy(), staleTime: 300_000 });
  return policy.data ? policy.data.policy.followUp.businessHours : null;
}
