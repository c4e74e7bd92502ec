'use client';

import { useCallback, useEffect, useState } from 'react';
import { exportPath } from '@/lib/protocol/http-paths';
import type { SessionExport } from '@/lib/protocol/review';
import { readError } from '../../_realtime/http-error';

export type ExportState =
  | { kind: 'loading' }
  /** `refreshError`: the last reading again failed for a passing reason; `data` is as of `loadedAt`. */
  | { kind: 'ready'; data: SessionExport; loadedAt: number; refreshError: string | null }
  | { kind: 'error'; message: string; status: number | null };

/**
 * While a round still has a run training, the review page reads the class again this often: a class of
 * 30 sharing one review link then stays within the export limit per key (60 a minute by default).
 */
const LIVE_REFRESH_MS = 30_000;

/** A download of the export in `format`, read with `secret`, saved under the server's file name. */
export async function downloadExport(code: string, secret: string, format: 'csv' | 'json'): Promise<void> {
  const res = await fetch(exportPath(code, format), { headers: { authorization: `Bearer ${secret}` } });
  if (!res.ok) throw new Error(await readError(res));
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `arena-${code}.${format}`;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The whole class from `export.json`, read with `secret` (a review key or the host key); read again
 * every half minute while any run is still training, and on `reload`.
 */
export function useSessionExport(code: string, secret: string | null) {
  const [state, setState] = useState<ExportState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (!secret) return;
    const controller = new AbortController();
    // A reading again that fails for a passing reason (offline, busy, rate-limited) keeps what is shown;
    // a revoked key or a deleted class replaces it with the reason.
    const fail = (message: string, status: number | null) =>
      setState((shown) =>
        shown.kind === 'ready' && (status === null || status === 429 || status >= 500)
          ? { ...shown, refreshError: message }
          : { kind: 'error', message, status },
      );
    fetch(exportPath(code, 'json'), { headers: { authorization: `Bearer ${secret}` }, signal: controller.signal })
      .then(async (res) => {
        if (!res.ok) return fail(await readError(res), res.status);
        setState({
          kind: 'ready',
          data: (await res.json()) as SessionExport,
          loadedAt: Date.now(),
          refreshError: null,
        });
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        fail(err instanceof Error ? err.message : String(err), null);
      });
    return () => controller.abort();
  }, [code, secret, generation]);

  const live = state.kind === 'ready' && state.data.runs.some((r) => r.status === 'running');
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(reload, LIVE_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [live, state, reload]);

  return { state, reload, live };
}
