'use client';

import { textsPath } from '@/lib/protocol/http-paths';
import { credentials } from './credentials';

export interface UploadedText {
  textId: string;
  characters: number;
  vocabSize: number;
}

/** Uploads the instructor's text file for the text task; rejects with the server's reason. */
export async function uploadText(code: string, file: Blob): Promise<UploadedText> {
  const token = credentials.hostToken(code);
  if (!token) throw new Error('This browser does not hold the host key for this class.');
  const response = await fetch(textsPath(code), {
    method: 'POST',
    body: file,
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as UploadedText | { error: { message: string } };
  if ('error' in body) throw new Error(body.error.message);
  return body;
}

/** The text a challenge's text task trains on. */
export async function fetchText(code: string, textId: string): Promise<string> {
  const response = await fetch(`${textsPath(code)}/${textId}`);
  if (!response.ok) throw new Error('The class text could not be loaded; ask the instructor to upload it again.');
  return response.text();
}
