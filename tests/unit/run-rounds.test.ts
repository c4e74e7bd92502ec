import { describe, expect, it } from 'vitest';
import { blankRun, restoredRun, type LocalRun } from '@/app/_training/local-run';
import { progressState, roundsWithRuns, runsOfRound } from '@/app/play/[code]/run-rounds';
import { DEFAULT_CHALLENGE } from '@/lib/domain/challenge-presets';
import type { RunView } from '@/lib/protocol/run';

const config = { ...DEFAULT_CHALLENGE.defaults, seed: 1 };
const run = (id: string, round: number, change: Partial<LocalRun> = {}): LocalRun => ({
  ...blankRun(id, config, round),
  ...change,
});

describe('progressState', () => {
  it('says "stopped" for a run the student stopped before its budget, "finished" for one that trained it all', () => {
    expect(progressState(run('a', 1, { state: 'finished', outcome: 'stopped', step: 25 }))).toBe('stopped');
    expect(progressState(run('a', 1, { state: 'finished', outcome: 'completed', step: 500 }))).toBe('finished');
  });

  it('shows a starting run as training, a resumable one as interrupted, and nothing as idle', () => {
    expect(progressState(run('a', 1))).toBe('running');
    expect(progressState(run('a', 1, { state: 'resumable' }))).toBe('interrupted');
    expect(progressState(run('a', 1, { state: 'paused' }))).toBe('paused');
    expect(progressState(undefined)).toBe('idle');
  });

  it('reads a reloaded run the server recorded as stopped as stopped', () => {
    const view: RunView = {
      id: 'run-0123456789abcdef',
      participantId: 'p1',
      round: 2,
      config,
      status: 'stopped',
      startedAt: 0,
      lastStep: 25,
      curvePoints: 0,
      best: null,
      bestAccuracy: null,
    };
    const restored = restoredRun(view, [], null);
    expect(restored.round).toBe(2);
    expect(progressState(restored)).toBe('stopped');
  });
});

describe("a student's runs by round", () => {
  const runs = [run('r1a', 1), run('r1b', 1), run('r2a', 2)];

  it('keeps only the runs of the round asked for, in start order', () => {
    expect(runsOfRound(runs, 1).map((r) => r.id)).toEqual(['r1a', 'r1b']);
    expect(runsOfRound(runs, 2).map((r) => r.id)).toEqual(['r2a']);
    expect(runsOfRound(runs, 3)).toEqual([]);
  });

  it('lists the rounds with runs and the current one, ascending', () => {
    expect(roundsWithRuns(runs, 2)).toEqual([1, 2]);
    expect(roundsWithRuns(runs, 3)).toEqual([1, 2, 3]);
    expect(roundsWithRuns([], 1)).toEqual([1]);
    expect(roundsWithRuns([], 0)).toEqual([]);
  });
});
