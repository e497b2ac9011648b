import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

export function useOwners() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.users(), staleTime: 300_000 });
  const items = users.data?.items ?? [];
  const nameOf = (id: string | null) =>
    id ? (items.find((u) => u.id === id)?.name ?? 'Unknown') : 'Unassigned';
  return { owners: items, nameOf };
}
