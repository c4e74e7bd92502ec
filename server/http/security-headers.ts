import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRAINING_WORKER_PATH } from '../../lib/protocol/http-paths';

/** 128 bits: a nonce must not be guessable, and each response gets a fresh one. */
const NONCE_BYTES = 16;

/**
 * The Content-Security-Policy of every response, pages and assets alike (a worker script's own response
 * sets the policy inside the worker). Why each source is there:
 * - `script-src 'nonce-…'`: the App Router streams its payload in inline `<script>` tags
 *   (`self.__next_f.push`); Next.js puts the nonce it finds in the request's policy on them (every page
 *   here renders per request). `'self'` is for its chunks and the training worker's script.
 * - `'wasm-unsafe-eval'`: TensorFlow.js's wasm backend compiles its WebAssembly binary.
 * - `worker-src blob:`, and `script-src blob:` for the training worker only (`worker`): the multi-threaded
 *   wasm build starts its threads from a Blob URL and they load their script from another; they run
 *   under the policy of the worker that made them. The training worker itself is `/workers/training.js`.
 * - `style-src 'unsafe-inline'`: React renders `style` attributes (chart sizes, gate colours) into the
 *   HTML; `style-src-elem 'self'` still keeps inline `<style>` elements out where browsers know it.
 * - `img-src data:`: the join QR code is a data URL.
 * - `connect-src 'self'`: fetches (texts, wasm binaries) and Socket.IO, whose WebSocket on this host
 *   `'self'` also matches (CSP Level 3).
 * - `frame-ancestors 'none'`: no other site may frame the host's page or a student's workspace.
 * In development React also needs `eval` (richer error stacks) and Next.js's overlay inline styles.
 */
export function contentSecurityPolicy({ dev, nonce, worker }: { dev: boolean; nonce: string; worker: boolean }) {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'wasm-unsafe-eval'",
      ...(worker ? ['blob:'] : []),
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'style-src-elem': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers every response carries besides its Content-Security-Policy; lower-case names. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Browsers must not run an uploaded text (served as text/plain) or a JSON reply as a script or page.
  'x-content-type-options': 'nosniff',
  // Join codes are in page URLs; no request leaving a page may carry them.
  'referrer-policy': 'no-referrer',
  // For browsers that do not know `frame-ancestors`.
  'x-frame-options': 'DENY',
  // Cross-origin isolation lets TensorFlow.js use its multi-threaded wasm build on students' laptops.
  // Everything the pages load comes from this origin, so nothing is blocked by it.
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/**
 * Returns a request listener to run before any other: it sets the security headers on the response
 * (a handler's own `writeHead` adds to them) and replaces the request's `content-security-policy` header
 * with the response's, which is where Next.js reads the nonce for the page's scripts from.
 */
export function createSecurityHeaders({ dev }: { dev: boolean }) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const policy = contentSecurityPolicy({
      dev,
      nonce: randomBytes(NONCE_BYTES).toString('base64'),
      worker: req.url?.split('?')[0] === TRAINING_WORKER_PATH,
    });
    req.headers['content-security-policy'] = policy;
    res.setHeader('content-security-policy', policy);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  };
}
