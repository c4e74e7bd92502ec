'use client';

import { useEffect, useState } from 'react';
import { ErrorCode } from '@/lib/protocol/errors';
import { ClientEvent, ServerEvent } from '@/lib/protocol/events';
import { applyRoster, applyStateUpdate, rosterOutOfStep } from '@/lib/domain/session-view';
import type { Role, SessionPresence, SessionResumeRequest, SessionView } from '@/lib/protocol/schemas';
import type { RosterDelta, SessionStateUpdate } from '@/lib/protocol/session-updates';
import { forgetClass } from './class-history';
import { credentials } from './credentials';
import { getSocket, RequestError, send } from './socket-client';

export type SessionStatus =
  | { kind: 'connecting' }
  | { kind: 'ready' }
  | { kind: 'reconnecting' }
  /** This browser holds no key for the session in that role. */
  | { kind: 'no-credential' }
  | { kind: 'kicked'; message: string }
  /** The host deleted the session: nothing of it is left to rejoin. */
  | { kind: 'deleted'; message: string }
  | { kind: 'error'; message: string };

function resumeRequest(code: string, role: Role): SessionResumeRequest | null {
  if (role === 'host') {
    const hostToken = credentials.hostToken(code);
    return hostToken ? { role, code, hostToken } : null;
  }
  const student = credentials.student(code);
  return student ? { role, code, ...student } : null;
}

/**
 * Joins the session's live view in `role` with the key this browser holds, and keeps it joined across
 * reconnects. The whole view comes with the resume reply; then `session:state` updates the settings (only
 * forward in revision, so a late broadcast cannot undo a newer one) and `session:roster` the participant
 * list. When the list's length disagrees with the roster's count, a change was missed: it resumes again.
 * Hosts also get `online`: the participants with an open connection (null until the server says).
 */
export function useSession(code: string, role: Role) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [status, setStatus] = useState<SessionStatus>({ kind: 'connecting' });
  const [participantId, setParticipantId] = useState<string | null>(null);
  const [online, setOnline] = useState<ReadonlySet<string> | null>(null);

  useEffect(() => {
    const socket = getSocket();
    // The view as this effect last set it: updates are applied to it here, not inside a state updater.
    let current: SessionView | null = null;
    const show = (view: SessionView) => {
      current = view;
      setSession(view);
    };
    const accept = (view: SessionView) => {
      if (!current || view.revision >= current.revision) show(view);
    };
    // Removed or deleted: the connection stays out of this session, whatever reconnects.
    let kicked = false;
    const markKicked = (message: string) => {
      kicked = true;
      credentials.forgetStudent(code);
      setStatus({ kind: 'kicked', message });
    };
    const onDeleted = ({ message }: { message: string }) => {
      kicked = true;
      credentials.forgetStudent(code);
      credentials.forgetHost(code);
      forgetClass(code);
      setStatus({ kind: 'deleted', message });
    };

    const resume = async () => {
      const body = resumeRequest(code, role);
      if (!body) return setStatus({ kind: 'no-credential' });
      try {
        const reply = await send(ClientEvent.SessionResume, body);
        setParticipantId(reply.participantId);
        accept(reply.session);
        setStatus({ kind: 'ready' });
      } catch (err) {
        if (err instanceof RequestError && err.code === ErrorCode.Kicked) return markKicked(err.message);
        setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    };

    const onConnect = () => {
      if (kicked) return;
      if (socket.recovered) setStatus({ kind: 'ready' });
      else void resume();
    };
    const onDisconnect = (reason: string) => {
      if (kicked) return;
      setStatus({ kind: 'reconnecting' });
      // The server only cuts a connection on purpose when it removes someone; reconnecting lets the
      // resume answer say so even if the notice itself was lost.
      if (reason === 'io server disconnect') socket.connect();
    };
    const onConnectError = (err: Error) => setStatus({ kind: 'error', message: err.message });
    const onKicked = ({ message }: { message: string }) => markKicked(message);
    const onPresence = (presence: SessionPresence) => setOnline(new Set(presence.online));
    const onState = (update: SessionStateUpdate) => {
      if (current) show(applyStateUpdate(current, update));
    };
    const onRoster = (delta: RosterDelta) => {
      if (!current) return;
      const next = applyRoster(current, delta);
      show(next);
      if (rosterOutOfStep(next, delta)) void resume();
    };

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on(ServerEvent.SessionState, onState);
    socket.on(ServerEvent.SessionRoster, onRoster);
    socket.on(ServerEvent.SessionKicked, onKicked);
    socket.on(ServerEvent.SessionPresence, onPresence);
    socket.on(ServerEvent.SessionDeleted, onDeleted);
    if (socket.connected) void resume();
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off(ServerEvent.SessionState, onState);
      socket.off(ServerEvent.SessionRoster, onRoster);
      socket.off(ServerEvent.SessionKicked, onKicked);
      socket.off(ServerEvent.SessionPresence, onPresence);
      socket.off(ServerEvent.SessionDeleted, onDeleted);
    };
  }, [code, role]);

  return { session, status, participantId, online };
}
