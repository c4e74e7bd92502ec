import type { ScoreRequest, Scores } from './score';

/** Main thread -> an evaluation thread. `roundKey` names the round's data (session, round) for its cache. */
export interface EvalTask {
  id: number;
  roundKey: string;
  request: ScoreRequest;
}

/** An evaluation thread -> the main thread: the scores and how long they took, or why there are none. */
export type EvalReply =
  { id: number; ok: true; scores: Scores; evalMs: number } | { id: number; ok: false; message: string };
