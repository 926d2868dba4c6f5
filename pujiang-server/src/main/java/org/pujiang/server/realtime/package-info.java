/**
 * The real-time gateway: the WebSocket endpoint {@code /ws} of docs/protocol.md. {@link
 * org.pujiang.server.realtime.Gateway} accepts sockets; each {@code Connection} runs the protocol's
 * connection state machine on its event loop and turns client messages into
 * {@link org.pujiang.space.SpaceCommand}s; a {@code SocketSink} turns what a space says back into
 * frames on its tick thread. {@link org.pujiang.server.realtime.LiveSpaces} holds one engine space per
 * stored space, ticked by a shared scheduler. The gateway does I/O only: the spaces own all state.
 */
package org.pujiang.server.realtime;
