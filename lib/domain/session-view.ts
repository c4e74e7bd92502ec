import type { SessionView } from '../protocol/schemas';
import type { RosterDelta, SessionStateUpdate } from '../protocol/session-updates';

/**
 * A client's session view after a `session:state` update: the settings are replaced when the update is
 * at least as new as the view (a late broadcast cannot undo a newer one), the participant list is kept.
 */
export function applyStateUpdate(view: SessionView, update: SessionStateUpdate): SessionView {
  if (update.revision < view.revision) return view;
  const { participantCount: _, ...settings } = update;
  return { ...settings, participants: view.participants };
}

/**
 * A client's session view after a `session:roster` change: upserted participants replace their entry by
 * id or join the list, removed ones leave it. The list stays in join order, as the server sends it.
 */
export function applyRoster(view: SessionView, delta: RosterDelta): SessionView {
  const removed = new Set(delta.removed);
  const upserted = new Map(delta.upserted.filter((p) => !removed.has(p.id)).map((p) => [p.id, p]));
  const participants = [
    ...view.participants.filter((p) => !removed.has(p.id) && !upserted.has(p.id)),
    ...upserted.values(),
  ].sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  return { ...view, participants };
}

/**
 * True when the view lists fewer participants than the roster change counted: a join was missed. (A
 * longer list is normal for a moment: a change read before the view arrived can come after it.)
 */
export function rosterOutOfStep(view: SessionView, delta: RosterDelta): boolean {
  return view.participants.length < delta.count;
}
