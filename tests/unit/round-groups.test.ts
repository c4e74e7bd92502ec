import { describe, expect, it } from 'vitest';
import { roundGroups, taskKey } from '@/app/review/[code]/round-groups';
import { ADDING_DEFAULTS } from '@/lib/data/adding';
import { challengeForTask } from '@/lib/domain/challenge-presets';
import type { RoundSummary } from '@/lib/domain/replay';
import type { Challenge } from '@/lib/protocol/challenge';

const summary = (round: number, challenge: Challenge): RoundSummary => ({ round, challenge, runs: 0, cells: [] });
const adding = challengeForTask('adding');
const brackets = challengeForTask('brackets');

describe('round-by-round groups', () => {
  it('joins rounds of the same task and metric, and keeps another task apart, in order of first round', () => {
    const groups = roundGroups([
      summary(1, adding),
      summary(2, brackets),
      summary(3, { ...adding, title: 'Adding again', task: { ...adding.task, seed: 9 } }),
    ]);
    expect(groups.map((g) => g.rounds.map((r) => r.round))).toEqual([[1, 3], [2]]);
    expect(groups.map((g) => g.title)).toEqual([adding.title, brackets.title]);
  });

  it('keeps the same task under another ranking metric, or with other parameters, apart', () => {
    const byAccuracy = { ...adding, rankingMetric: 'accuracy' as const };
    const harder = { ...adding, task: { ...adding.task, params: { delay: 99 } } };
    const groups = roundGroups([summary(1, adding), summary(2, byAccuracy), summary(3, harder)]);
    expect(groups.map((g) => [g.metric, g.rounds.length])).toEqual([
      ['valLoss', 1],
      ['accuracy', 1],
      ['valLoss', 1],
    ]);
  });

  it('treats parameters spelled out at their defaults as the task with no parameters', () => {
    const spelled = { ...adding.task, params: { ...ADDING_DEFAULTS } };
    expect(adding.task.params).toEqual({});
    expect(taskKey(spelled)).toBe(taskKey(adding.task));
    expect(taskKey({ ...adding.task, seed: 42 })).toBe(taskKey(adding.task));
    expect(taskKey(brackets.task)).not.toBe(taskKey(adding.task));
  });
});
