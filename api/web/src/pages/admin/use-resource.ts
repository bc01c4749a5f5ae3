// Loads a /v1 answer, keeps it until reloaded; errors kept to show in plain words.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { explainServerError } from './server-errors.js';
import type { Msg } from './msg.js';

export interface Resource<T> {
  data: T | null;
  error: Msg | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Msg | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(null);
    } catch (err) {
      setError(explainServerError(err).form);
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}
