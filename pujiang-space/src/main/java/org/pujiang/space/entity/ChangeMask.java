package org.pujiang.space.entity;

/**
 * Bits of an entity's "changed since the last tick" mask, and of the accumulated mask a client has
 * not been sent yet. The numbering matches the wire's entity update mask.
 */
public final class ChangeMask {
    public static final int POS = 1;
    public static final int ROT = 2;
    public static final int VEL = 4;
    public static final int ANIM = 8;
    public static final int ALL = POS | ROT | VEL | ANIM;

    private ChangeMask() {}

    /** For messages and test failures: {@code "POS|ANIM"}, or {@code "-"} for none. */
    public static String describe(int mask) {
        if (mask == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        append(b, mask, POS, "POS");
        append(b, mask, ROT, "ROT");
        append(b, mask, VEL, "VEL");
        append(b, mask, ANIM, "ANIM");
        return b.toString();
    }

    private static void append(StringBuilder b, int mask, int bit, String name) {
        if ((mask & bit) != 0) {
            if (!b.isEmpty()) {
                b.append('|');
            }
            b.append(name);
        }
    }
}
