import { z } from 'zod';

// The pages' and the training worker's Content-Security-Policy allows no `eval`: in a browser, zod must
// not compile its parsers with `new Function`, nor probe whether it may (the browser reports the probe
// as a violation). Node keeps the compiled parsers, about 4 times faster on a batch of metrics. Zod
// decides when it builds an object schema, so the modules that build them import this before zod.
z.config({ jitless: 'document' in globalThis || 'WorkerGlobalScope' in globalThis });
