import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser';

/** Packet types whose payload comes as separate binary attachments. */
const BINARY_PACKETS = new Set([String(PacketType.BINARY_EVENT), String(PacketType.BINARY_ACK)]);

/**
 * Socket.IO's own decoder, refusing binary data. Nothing in the protocol is binary, and the default
 * decoder buffers up to 10 attachments per event outside the message size limit (~600 KB, which a
 * validation error then echoed back). A binary packet now fails to decode, and Socket.IO closes the
 * connection before any handler runs.
 */
class TextOnlyDecoder extends Decoder {
  override add(packet: unknown): void {
    if (typeof packet !== 'string') throw new Error('binary data is not accepted');
    if (BINARY_PACKETS.has(packet.charAt(0))) throw new Error('binary attachments are not accepted');
    super.add(packet);
  }
}

/** The `parser` option of the Socket.IO server. */
export const textOnlyParser = { protocol, Encoder, Decoder: TextOnlyDecoder };
