/**
 * Wire protocol version. A client sends it in the Socket.IO handshake (`auth.protocolVersion`); the server
 * refuses a connection whose major version differs (see PROTOCOL.md, "Handshake").
 * Bump it whenever an event, payload or ack changes shape.
 */
export const PROTOCOL_VERSION = 5;
