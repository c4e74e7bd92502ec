'use client';

/**
 * Identity survives a reload because the server-issued secret lives in this browser's localStorage,
 * one entry per session code and role. Nothing here is shown on screen.
 */
export interface StudentCredential {
  participantId: string;
  token: string;
}

const hostKey = (code: string) => `rnn-arena:host:${code}`;
const studentKey = (code: string) => `rnn-arena:student:${code}`;

export const credentials = {
  hostToken: (code: string): string | null => localStorage.getItem(hostKey(code)),
  saveHostToken: (code: string, token: string) => localStorage.setItem(hostKey(code), token),
  forgetHost: (code: string) => localStorage.removeItem(hostKey(code)),
  student: (code: string): StudentCredential | null => {
    const raw = localStorage.getItem(studentKey(code));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<StudentCredential>;
      return typeof parsed.participantId === 'string' && typeof parsed.token === 'string'
        ? { participantId: parsed.participantId, token: parsed.token }
        : null;
    } catch {
      return null;
    }
  },
  saveStudent: (code: string, credential: StudentCredential) =>
    localStorage.setItem(studentKey(code), JSON.stringify(credential)),
  forgetStudent: (code: string) => localStorage.removeItem(studentKey(code)),
};
