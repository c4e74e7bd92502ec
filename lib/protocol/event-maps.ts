import type { Ack } from './errors';
import type { ClientEvent, ServerEvent } from './events';
import type { BoardDelta, BoardGetRequest, BoardSnapshot, BoardVisibilityRequest, HostRenameRequest } from './board';
import type {
  RunFinishRequest,
  RunMetricsReply,
  RunMetricsRequest,
  RunMineReply,
  RunMineRequest,
  RunStartRequest,
  RunView,
} from './run';
import type {
  ChallengeSetRequest,
  HostKickRequest,
  HostLockReply,
  HostLockRequest,
  RoundEndRequest,
  RoundStartRequest,
  RoundState,
  SessionCreateReply,
  SessionCreateRequest,
  SessionJoinReply,
  SessionJoinRequest,
  SessionKickedNotice,
  SessionPresence,
  SessionResumeReply,
  SessionResumeRequest,
} from './schemas';
import type {
  ReviewLinkReply,
  ReviewLinkRequest,
  ReviewRevokeRequest,
  SessionDeletedNotice,
  SessionDeleteRequest,
} from './review';
import type { RosterDelta, SessionStateUpdate } from './session-updates';

/** Request and reply types per client event; both the typed client and the server derive from it. */
export interface RequestMap {
  [ClientEvent.SessionCreate]: { request: SessionCreateRequest; reply: SessionCreateReply };
  [ClientEvent.SessionJoin]: { request: SessionJoinRequest; reply: SessionJoinReply };
  [ClientEvent.SessionResume]: { request: SessionResumeRequest; reply: SessionResumeReply };
  [ClientEvent.HostKick]: { request: HostKickRequest; reply: Record<string, never> };
  [ClientEvent.HostLock]: { request: HostLockRequest; reply: HostLockReply };
  [ClientEvent.ChallengeSet]: { request: ChallengeSetRequest; reply: Record<string, never> };
  [ClientEvent.RoundStart]: { request: RoundStartRequest; reply: { round: RoundState } };
  [ClientEvent.RoundEnd]: { request: RoundEndRequest; reply: { round: RoundState } };
  [ClientEvent.RunStart]: { request: RunStartRequest; reply: { run: RunView } };
  [ClientEvent.RunMetrics]: { request: RunMetricsRequest; reply: RunMetricsReply };
  [ClientEvent.RunFinish]: { request: RunFinishRequest; reply: { run: RunView } };
  [ClientEvent.RunMine]: { request: RunMineRequest; reply: RunMineReply };
  [ClientEvent.BoardGet]: { request: BoardGetRequest; reply: BoardSnapshot };
  [ClientEvent.BoardVisibility]: { request: BoardVisibilityRequest; reply: Record<string, never> };
  [ClientEvent.HostRename]: { request: HostRenameRequest; reply: Record<string, never> };
  [ClientEvent.ReviewLink]: { request: ReviewLinkRequest; reply: ReviewLinkReply };
  [ClientEvent.ReviewRevoke]: { request: ReviewRevokeRequest; reply: Record<string, never> };
  [ClientEvent.SessionDelete]: { request: SessionDeleteRequest; reply: Record<string, never> };
}

export type RequestOf<E extends ClientEvent> = RequestMap[E]['request'];
export type ReplyOf<E extends ClientEvent> = RequestMap[E]['reply'];

/** The browser's view of client -> server events: payloads are typed. */
export type ClientToServerEvents = {
  [E in ClientEvent]: (payload: RequestOf<E>, ack: (reply: Ack<ReplyOf<E>>) => void) => void;
};

/** The server's view of the same events: nothing is trusted until a schema has parsed it. */
export type UntrustedClientToServerEvents = {
  [E in ClientEvent]: (payload: unknown, ack: unknown) => void;
};

export interface ServerToClientEvents {
  [ServerEvent.SessionState]: (session: SessionStateUpdate) => void;
  [ServerEvent.SessionRoster]: (roster: RosterDelta) => void;
  [ServerEvent.SessionKicked]: (notice: SessionKickedNotice) => void;
  [ServerEvent.SessionDeleted]: (notice: SessionDeletedNotice) => void;
  [ServerEvent.BoardDelta]: (delta: BoardDelta) => void;
  [ServerEvent.SessionPresence]: (presence: SessionPresence) => void;
}
