package org.pujiang.space;

/** Who hears a chat message. The numbers match the wire. */
public enum ChatScope {
    /** Every client in the space. */
    SPACE(0),
    /** Clients whose avatar is within the interest radius of the sender (by distance, not by the K cap). */
    NEARBY(1),
    /** One avatar the sender can see, and the sender. */
    DIRECT(2);

    private final int code;

    ChatScope(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
