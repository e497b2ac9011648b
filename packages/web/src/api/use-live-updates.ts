import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Listens to /v1/stream (Server-Sent Events, the session cookie authenticates it) and refreshes lead lists
 * when events arrive; bursts are folded into one refresh a second.
 */
export function useLiveUpdates(): { updates: number; connected: boolean } {
  const queryClient = useQueryClient();
  const [updates, setUpdates] = useState(0);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/v1/stream');
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('leads', () => {
      setUpdates((n) => n + 1);
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: ['leads'] });
        void queryClient.invalidateQueries({ queryKey: ['lead'] });
      }, 1000);
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [queryClient]);
  return { updates, connected };
}
