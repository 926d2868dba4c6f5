package org.pujiang.space;

/** What a host does to another participant. The numbers match the wire. */
public enum ModerationAction {
    /** Their chat and voice are refused with {@link ErrorCode#MUTED} until unmuted. */
    MUTE(0),
    UNMUTE(1),
    /** Goodbye with {@link ErrorCode#KICKED}; the avatar is removed at once, with no resume. */
    KICK(2);

    private final int code;

    ModerationAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
