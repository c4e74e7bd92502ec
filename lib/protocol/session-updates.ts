import type { ParticipantView, SessionView } from './schemas';

/**
 * What `session:state` carries: the session's settings as in SessionView, without the participant list
 * (a class of 1,000 would send its whole list to everyone on every join) but with its length. Clients
 * keep the list from their join/resume reply and `session:roster` changes.
 */
export type SessionStateUpdate = Omit<SessionView, 'participants'> & { participantCount: number };

/**
 * What `session:roster` carries: the participants who joined or were renamed since the last one (their
 * current view; replace by id, or add), the ids of those who were removed, and how many participants the
 * session has now. A client whose list is then shorter than `count` missed a join: it resumes the
 * session to get the whole list again.
 */
export interface RosterDelta {
  upserted: ParticipantView[];
  removed: string[];
  count: number;
}
