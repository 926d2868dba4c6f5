package org.pujiang.space;

/** Limits on a space's descriptive fields, shared by the REST layer, storage and the client. */
public final class SpaceLimits {
    /** Longest name, in Unicode code points. */
    public static final int NAME_MAX = 100;
    /** Longest description, in Unicode code points. */
    public static final int DESCRIPTION_MAX = 2000;
    /** Most avatars one space may admit; the engine is built for thousands on one node. */
    public static final int CAPACITY_MAX = 10_000;
    /** Most members a private space may list. */
    public static final int MEMBERS_MAX = 1000;

    private SpaceLimits() {}
}
