import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again, keeping the shown data until the new answer is in (live updates do not flicker). */
  reload: () => void;
  /** When the data last arrived. */
  at: number | null;
}

/** Runs `load` when `deps` change; answers of superseded loads are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean; at: number | null }>({
    data: undefined,
    error: null,
    loading: true,
    at: null,
  });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false, at: Date.now() }),
      (error: unknown) => mine === seq.current && setState((s) => ({ ...s, error, loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    setState({ data: undefined, error: null, loading: true, at: null });
    run();
  }, [run]);
  // a reload started by an older render (an action that finished late) loads what is shown now
  const latest = useRef(run);
  latest.current = run;
  const reload = useCallback(() => latest.current(), []);
  return { ...state, reload };
}
