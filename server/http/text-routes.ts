import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateText, MAX_TEXT_BYTES, shareText, TextTaskError } from '../../lib/data/text';
import { ErrorCode } from '../../lib/protocol/errors';
import { joinCodeSchema } from '../../lib/protocol/schemas';
import { authenticateHost } from '../services/session-service';
import type { Store } from '../store/store';
import { bearerToken, fail, failUnexpected, readBody, reply } from './http-reply';

const ROUTE = /^\/api\/sessions\/([^/]+)\/texts(?:\/([0-9a-f]{16}))?\/?$/;

/**
 * `POST /api/sessions/:code/texts` (the host uploads a UTF-8 text for the text task) and
 * `GET /api/sessions/:code/texts/:textId` (browsers fetch the students' share of it to train on: the
 * test slice never leaves the server, see shareText). A text is named by the first 16 hex digits of its
 * SHA-256, so uploading the same text twice gives the same id. Returns a request handler that answers
 * false for any other path.
 */
export function createTextRoutes(store: Store, maxTexts: number) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = req.url?.split('?')[0].match(ROUTE);
    if (!match) return false;
    const code = joinCodeSchema.safeParse(match[1]);
    if (!code.success) {
      fail(res, 404, ErrorCode.SessionNotFound, 'No such class.');
      return true;
    }
    const textId = match[2];
    const handle = async () => {
      if (req.method === 'GET' && textId) {
        const text = await store.getText(code.data, textId);
        if (text === null) return fail(res, 404, ErrorCode.BadRequest, 'No such text in this class.');
        res
          .writeHead(200, {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'private, max-age=86400, immutable',
          })
          .end(shareText(text).shared);
        return;
      }
      if (req.method !== 'POST' || textId)
        return fail(res, 405, ErrorCode.BadRequest, 'Use POST to upload a text, GET to fetch one.');
      const token = bearerToken(req);
      if (!token) return fail(res, 401, ErrorCode.Forbidden, 'Only the host of a class can upload a text.');
      await authenticateHost(store, code.data, token);
      const body = await readBody(req, MAX_TEXT_BYTES);
      if (body === null)
        return fail(
          res,
          413,
          ErrorCode.BadRequest,
          `The file is over ${MAX_TEXT_BYTES.toLocaleString('en-US')} bytes.`,
        );
      const { text, shared } = shareText(new Uint8Array(body));
      const data = generateText(1, { text: shared });
      const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
      const stored = await store.putText(code.data, id, text, maxTexts);
      if (stored === 'not-found') return fail(res, 404, ErrorCode.SessionNotFound, 'No such class.');
      if (stored === 'full') return fail(res, 409, ErrorCode.BadRequest, `This class keeps at most ${maxTexts} texts.`);
      reply(res, 201, {
        textId: id,
        characters: Array.from(text).length,
        vocabSize: data.vocab.length,
      });
    };
    handle().catch((err: unknown) => {
      if (err instanceof TextTaskError) return fail(res, 400, ErrorCode.BadRequest, err.message);
      failUnexpected(res, err, 'texts');
    });
    return true;
  };
}
