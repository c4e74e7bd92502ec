import { describe, expect, it } from 'vitest';
import { restoredRun } from '@/app/_training/local-run';
import type { RunCheckpoint } from '@/app/_training/run-checkpoints';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { MetricPoint, RunView } from '@/lib/protocol/run';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };
const view = (status: RunView['status']): RunView => ({
  id: 'run-0123456789abcdef',
  participantId: 'p1',
  round: 1,
  config,
  status,
  startedAt: 0,
  lastStep: 40,
  curvePoints: 0,
  best: null,
  bestAccuracy: null,
});
const stored: MetricPoint[] = [10, 20, 30, 40].map((step, seq) => ({ seq, step, elapsedMs: step, trainLoss: 1 }));
const checkpoint = {
  elapsedMs: 25,
  points: stored.slice(0, 2).map(({ seq: _seq, ...point }) => point),
  trainer: { step: 20 },
} as RunCheckpoint;

describe('restoredRun', () => {
  it('shows a run that ended as the server recorded it', () => {
    expect(restoredRun(view('completed'), stored, null)).toMatchObject({
      state: 'finished',
      outcome: 'completed',
      step: 40,
      elapsedMs: 40,
      points: stored,
    });
    expect(restoredRun(view('stopped'), stored, null)).toMatchObject({ state: 'finished', outcome: 'stopped' });
  });

  it('offers a running run back from its checkpoint, with the progress as saved', () => {
    expect(restoredRun(view('running'), stored, checkpoint)).toMatchObject({
      state: 'resumable',
      step: 20,
      savedStep: 20,
      elapsedMs: 25,
      points: checkpoint.points,
    });
  });

  it('shows a running run without a usable checkpoint as interrupted, never as done, and says why', () => {
    for (const held of ['none', 'damaged'] as const) {
      const run = restoredRun(view('running'), stored, held);
      expect(run.state).toBe('interrupted');
      expect(run.interruption).toMatch(held === 'none' ? /no saved progress/ : /damaged/);
    }
  });
});
