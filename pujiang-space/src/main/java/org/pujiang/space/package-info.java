/**
 * The real-time space engine: one {@link org.pujiang.space.Space} per live space, advanced by
 * {@code tick(nowNanos)} on one thread at a time, fed by {@link org.pujiang.space.SpaceCommand}s from
 * any thread, and speaking to each client through a {@link org.pujiang.space.ClientSink}. No I/O, no
 * clock besides a metrics stopwatch, nothing of Vert.x, sockets, JDBC or the wire format.
 *
 * <p>Decisions a server (and a client author) should know:
 * <ul>
 *   <li>Entity references in commands are the sender's own local ids. So DIRECT chat, voice and
 *       moderation reach only avatars the sender currently sees; the presence list carries
 *       space-wide entity ids for display, not for addressing.</li>
 *   <li>Voice is relayed only between avatars that see each other: a signal to an avatar that does not
 *       have the sender in view (possible with the K cap) is refused with NO_SUCH_ENTITY, since the
 *       receiver could not answer it. Nothing is ever entered into a view to deliver a message.</li>
 *   <li>The K cap counts other entities; a client's own avatar has local id 1 besides them and is sent
 *       to it once (an enter after the welcome) and then only when the engine corrects it.</li>
 *   <li>A dropped connection ({@code Disconnect}) and a TOO_SLOW goodbye leave the avatar standing,
 *       resumable for the resume window; {@code Leave}, a kick and the abuse rule (too many errors:
 *       goodbye KICKED) remove it at once.</li>
 *   <li>An object's holder id in {@link org.pujiang.space.ClientSink#holder} may name an avatar that
 *       later leaves the receiver's view; a client treats a holder whose id has exited as unseen.</li>
 *   <li>Agents (digital humans, {@code AddAgent}) are sessions without a connection: they see and
 *       hear like clients, act once per tick through an {@link org.pujiang.space.AgentActor}, speak
 *       with {@code Say} (addressed by space-wide entity id, since an agent answers whoever asked),
 *       and are never resumable, moderated, counted against the capacity or listed in presence.</li>
 * </ul>
 */
package org.pujiang.space;
