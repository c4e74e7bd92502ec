'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftConfig } from '../../_components/training/run-config-form';
import { runConfigFromSearch, runConfigSearch } from '@/lib/domain/run-config-url';
import type { Challenge } from '@/lib/protocol/challenge';

/** A seed for a run: a whole number in 0..2^31-1, as the run configuration's schema wants. */
const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;

/**
 * The settings the student's next run will use, kept in the page URL: the workspace opens with what its
 * URL says (clamped to the challenge, the rest from the challenge's defaults) and writes every change back
 * with history.replaceState (no navigation). The seed travels too: a link with `seed=` repeats a run
 * exactly; without one, each run draws a fresh seed (`nextSeed` after a run starts). Parameters that are
 * not settings (e.g. `backend`) are kept. A new challenge resets the settings to its defaults.
 */
export function useConfigInUrl(challenge: Challenge) {
  const [draft, setDraft] = useState<DraftConfig>(() => {
    const { seed: _seed, ...fromUrl } = runConfigFromSearch(new URLSearchParams(window.location.search), challenge);
    return { ...challenge.defaults, ...fromUrl };
  });
  const [seed, setSeed] = useState(
    () => runConfigFromSearch(new URLSearchParams(window.location.search), challenge).seed ?? randomSeed(),
  );

  // Every session:state carries a fresh copy of the same challenge (someone joined, say), so compare by
  // content, or the student's edits would be lost.
  const challengeKey = JSON.stringify(challenge);
  const shownKey = useRef(challengeKey);
  useEffect(() => {
    if (shownKey.current === challengeKey) return;
    shownKey.current = challengeKey;
    setDraft((JSON.parse(challengeKey) as Challenge).defaults);
  }, [challengeKey]);

  useEffect(() => {
    const url = new URL(window.location.href);
    new URLSearchParams(runConfigSearch({ ...draft, seed })).forEach((value, name) =>
      url.searchParams.set(name, value),
    );
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
  }, [draft, seed]);

  const nextSeed = useCallback(() => setSeed(randomSeed()), []);
  return { draft, setDraft, seed, nextSeed };
}
