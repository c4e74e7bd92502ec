import type { RoundSummary } from '@/lib/domain/replay';
import { TASKS, type TaskId } from '@/lib/data/tasks';
import type { RankingMetric, TaskChoice } from '@/lib/protocol/challenge';

/** Rounds whose scores can share one axis: the same task, with the same parameters, ranked by the same metric. */
export interface RoundGroup {
  key: string;
  metric: RankingMetric;
  /** The first round's challenge title. */
  title: string;
  /** In round order. */
  rounds: RoundSummary[];
}

/**
 * Which task a round was played on, as text: its id and its generator parameters with the task's defaults
 * filled in (so `{}` and the defaults spelled out are the same task). The data seed is left out: another
 * draw of the same task is equally hard. Pure.
 */
export function taskKey(task: TaskChoice): string {
  const params: Record<string, unknown> = { ...TASKS[task.id as TaskId]?.defaultParams, ...task.params };
  const sorted = Object.keys(params)
    .sort()
    .map((name) => [name, params[name]]);
  return `${task.id}:${JSON.stringify(sorted)}`;
}

/**
 * The rounds grouped by task and ranking metric (taskKey), groups in the order of their first round: a
 * round-by-round line joins only rounds of one group, since bits per token of two tasks do not compare
 * (a harder task is not a class getting worse). Pure.
 */
export function roundGroups(summaries: readonly RoundSummary[]): RoundGroup[] {
  const groups = new Map<string, RoundGroup>();
  for (const summary of summaries) {
    const metric = summary.challenge.rankingMetric;
    const key = `${taskKey(summary.challenge.task)}|${metric}`;
    const group = groups.get(key);
    if (group) group.rounds.push(summary);
    else groups.set(key, { key, metric, title: summary.challenge.title, rounds: [summary] });
  }
  return [...groups.values()];
}
