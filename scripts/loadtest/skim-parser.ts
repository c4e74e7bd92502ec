import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser';
import { ServerEvent } from '../../lib/protocol/events';

/** How an encoded `session:state` broadcast on the default namespace begins. */
const SESSION_STATE_PREFIX = `${PacketType.EVENT}["${ServerEvent.SessionState}"`;

/**
 * A decoder that hands `session:state` on without parsing its payload. Simulated students never read it,
 * and each join sends the whole class list to every member: parsing a thousand copies of it in one
 * process made the load generator, not the server, the bottleneck. The server still builds and sends it.
 */
class SkimDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && obj.startsWith(SESSION_STATE_PREFIX)) {
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [ServerEvent.SessionState, null] });
      return;
    }
    super.add(obj);
  }
}

/** Socket.IO's own parser with the skimming decoder, for the `parser` option of socket.io-client. */
export const skimParser = { protocol, Encoder, Decoder: SkimDecoder };
