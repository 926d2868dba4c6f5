package org.pujiang.space;

/** The kind of a WebRTC signalling message relayed between two avatars. The numbers match the wire. */
public enum VoiceKind {
    OFFER(0),
    ANSWER(1),
    ICE(2),
    BYE(3);

    private final int code;

    VoiceKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
