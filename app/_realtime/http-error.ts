/**
 * The message of a refused HTTP request: the protocol's error body (`{ "error": { "message" } }`), or, when
 * the body is something else (a proxy's HTML page), the status.
 */
export async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not the protocol's error body: the status says enough.
  }
  return `The server answered ${res.status}.`;
}
