package org.pujiang.space.inbox;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A bounded multi-producer, single-consumer queue: a power-of-two ring of references, a producer
 * index claimed by CAS and a consumer index written only by the consumer. No locks.
 *
 * <p>{@link #offer} may be called from any thread; it returns {@code false} (and counts the refusal)
 * when the ring is full or the element is null, and never throws. {@link #drain} must be called by
 * one thread at a time (the owner's tick thread).
 *
 * <p>A producer publishes its element with a release store after claiming its index, so the consumer
 * can find a claimed slot still empty for an instant; {@link #drain} then stops there and the element
 * is taken at the next drain. Order is FIFO per producer.
 */
public final class MpscInbox<E> {
    private static final VarHandle PRODUCER;
    private static final VarHandle CONSUMER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PRODUCER = l.findVarHandle(MpscInbox.class, "producerIndex", long.class);
            CONSUMER = l.findVarHandle(MpscInbox.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicReferenceArray<E> ring;
    private final int mask;
    private final int capacity;
    private final LongAdder refused = new LongAdder();

    // padding keeps the two indices on separate cache lines: producers hammer one, the consumer the other
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long producerIndex;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long consumerIndex;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;

    public MpscInbox(int requestedCapacity) {
        if (requestedCapacity < 2 || requestedCapacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be 2..2^30, got " + requestedCapacity);
        }
        int cap = Integer.highestOneBit(requestedCapacity - 1) << 1;
        this.ring = new AtomicReferenceArray<>(cap);
        this.mask = cap - 1;
        this.capacity = cap;
    }

    /** Adds {@code e}; false when the inbox is full or {@code e} is null. Any thread. */
    public boolean offer(E e) {
        if (e == null) {
            refused.increment();
            return false;
        }
        long p;
        do {
            p = producerIndex;
            if (p - consumerIndex >= capacity) {
                refused.increment();
                return false;
            }
        } while (!PRODUCER.weakCompareAndSet(this, p, p + 1));
        ring.setRelease((int) (p & mask), e);
        return true;
    }

    /**
     * Hands the consumer at most the elements present when the call began (so that producers cannot
     * keep one drain going forever) and returns how many it handed. Owner thread only.
     */
    public int drain(Consumer<? super E> consumer) {
        long c = (long) CONSUMER.getOpaque(this);
        long end = producerIndex;
        int n = 0;
        while (c < end) {
            int i = (int) (c & mask);
            E e = ring.getAcquire(i);
            if (e == null) {
                break; // claimed but not yet published: next drain
            }
            ring.setPlain(i, null);
            c++;
            // release: the slot's null is visible before producers may claim it again
            CONSUMER.setRelease(this, c);
            n++;
            consumer.accept(e);
        }
        return n;
    }

    /** Elements waiting, approximately. */
    public int size() {
        long s = producerIndex - consumerIndex;
        return (int) Math.max(0, Math.min(capacity, s));
    }

    public int capacity() {
        return capacity;
    }

    /** Offers refused since creation: full, or null. */
    public long refused() {
        return refused.sum();
    }
}
