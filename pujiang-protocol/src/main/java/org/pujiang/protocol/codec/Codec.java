package org.pujiang.protocol.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes and reads one value of type {@code T}: a message's payload (without the frame header) or a
 * part of one. Codecs are stateless constants ({@code Hello.CODEC}) and safe to share between threads.
 *
 * <p>Contract of {@link #read}: it never throws on any input. On success it returns the value; on
 * failure it returns null, and {@code reader.ok()} is false with the reason recorded in the reader.
 * Callers that want a value type for results use {@code org.pujiang.protocol.Frames}, which turns this
 * into a {@code DecodeResult}.
 */
public interface Codec<T> {
    void write(FrameWriter writer, T value);

    /** The value, or null with the reason recorded in {@code reader} (see the class comment). */
    T read(FrameReader reader);

    static <T> Codec<T> of(BiConsumer<FrameWriter, ? super T> writer, Function<FrameReader, ? extends T> reader) {
        return new Codec<>() {
            @Override
            public void write(FrameWriter w, T value) {
                writer.accept(w, value);
            }

            @Override
            public T read(FrameReader r) {
                return reader.apply(r);
            }
        };
    }

    /**
     * A varint count, then the items. Reading enforces {@code maxCount} and sizes nothing before
     * checking that the count could fit in the remaining bytes at {@code minItemBytes} per item.
     * Reading yields a mutable {@link ArrayList} that the record's constructor copies.
     */
    static <T> Codec<List<T>> list(Codec<T> item, int maxCount, int minItemBytes, String field) {
        if (maxCount < 0 || minItemBytes < 1) {
            throw new IllegalArgumentException("maxCount must be >= 0 and minItemBytes >= 1, got " + maxCount + " and "
                    + minItemBytes);
        }
        return new Codec<>() {
            @Override
            public void write(FrameWriter w, List<T> values) {
                w.varInt(values.size());
                for (int i = 0, n = values.size(); i < n; i++) {
                    item.write(w, values.get(i));
                }
            }

            @Override
            public List<T> read(FrameReader r) {
                int n = r.count(maxCount, minItemBytes, field);
                if (!r.ok()) {
                    return null;
                }
                List<T> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    T v = item.read(r);
                    if (!r.ok()) {
                        return null;
                    }
                    out.add(v);
                }
                return out;
            }
        };
    }
}
