/**
 * Event names, `domain:action`. Requests go client -> server and are answered through an ack;
 * broadcasts go server -> client. PROTOCOL.md documents each one.
 */
export const ClientEvent = {
  SessionCreate: 'session:create',
  SessionJoin: 'session:join',
  SessionResume: 'session:resume',
  HostKick: 'host:kick',
  HostLock: 'host:lock',
  ChallengeSet: 'challenge:set',
  RoundStart: 'round:start',
  RoundEnd: 'round:end',
  RunStart: 'run:start',
  RunMetrics: 'run:metrics',
  RunFinish: 'run:finish',
  RunMine: 'run:mine',
  BoardGet: 'board:get',
  BoardVisibility: 'board:visibility',
  HostRename: 'host:rename',
  ReviewLink: 'review:link',
  ReviewRevoke: 'review:revoke',
  SessionDelete: 'session:delete',
} as const;
export type ClientEvent = (typeof ClientEvent)[keyof typeof ClientEvent];

export const ServerEvent = {
  /** The session's settings (not its participant list) after they changed; coalesced per session. */
  SessionState: 'session:state',
  /** Participants who joined, were renamed or removed; coalesced per session. */
  SessionRoster: 'session:roster',
  /** Sent to a participant the host removed, just before their sockets are disconnected. */
  SessionKicked: 'session:kicked',
  /** Sent to every member of a session its host deleted, just before their sockets are disconnected. */
  SessionDeleted: 'session:deleted',
  /** To hosts, at most a few times a second: runs that changed and their new validation points. */
  BoardDelta: 'board:delta',
  /** To hosts, when who is connected may have changed: the participants with an open connection. */
  SessionPresence: 'session:presence',
} as const;
export type ServerEvent = (typeof ServerEvent)[keyof typeof ServerEvent];
