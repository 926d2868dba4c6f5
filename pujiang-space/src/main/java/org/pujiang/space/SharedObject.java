package org.pujiang.space;

/** Engine-side facts about one shared object: its durable id, its holder and its movement allowance. Tick thread only. */
final class SharedObject {
    final long objectId;
    final int slot;
    final String name;
    Avatar holder;
    /** When the holder last grabbed or moved it. */
    long lastTouch;
    double credit;
    long creditNanos;
    int heldIndex = -1;

    SharedObject(long objectId, int slot, String name) {
        this.objectId = objectId;
        this.slot = slot;
        this.name = name;
    }
}
