package org.pujiang.server.twin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.pujiang.server.error.ApiException;

/**
 * Checks how a bound property shows on its object (docs/twins.md, "Bindings"):
 * {@code colour} ({@code stops: [{at, colour}]} or {@code map: {value: colour}}), {@code label}
 * ({@code format?, decimals?}), {@code gauge} ({@code min, max}) or {@code animation}
 * ({@code clip: spin|pulse|bob, speedFrom?, when?}).
 */
final class BindingVisual {
    static final List<String> KINDS = List.of("colour", "label", "gauge", "animation");
    private static final int MAX_BYTES = 4096;

    private BindingVisual() {
    }

    static void check(JsonObject v) {
        if (v == null) {
            throw ApiException.missing("visual");
        }
        if (v.encode().length() > MAX_BYTES) {
            throw ApiException.invalid("visual", "visual must stay within " + MAX_BYTES + " bytes of JSON");
        }
        String kind = v.getValue("kind") instanceof String s ? s : null;
        if (kind == null || !KINDS.contains(kind)) {
            throw ApiException.invalid("visual.kind", "visual.kind is one of " + KINDS);
        }
        switch (kind) {
            case "colour" -> {
                Object stops = v.getValue("stops");
                Object map = v.getValue("map");
                if (stops instanceof JsonArray a && !a.isEmpty()) {
                    for (Object o : a) {
                        if (!(o instanceof JsonObject stop) || !(stop.getValue("at") instanceof Number)
                                || !colour(stop.getValue("colour"))) {
                            throw ApiException.invalid("visual.stops", "each stop is {at: number, colour: \"#rrggbb\"}");
                        }
                    }
                } else if (map instanceof JsonObject m && !m.isEmpty()) {
                    for (String key : m.fieldNames()) {
                        if (!colour(m.getValue(key))) {
                            throw ApiException.invalid("visual.map", "map values are colours \"#rrggbb\"");
                        }
                    }
                } else {
                    throw ApiException.invalid("visual", "a colour visual has stops [{at, colour}] or a map {value: colour}");
                }
            }
            case "gauge" -> {
                if (!(v.getValue("min") instanceof Number min) || !(v.getValue("max") instanceof Number max)
                        || !(max.doubleValue() > min.doubleValue())) {
                    throw ApiException.invalid("visual", "a gauge has numbers min < max");
                }
            }
            case "animation" -> {
                Object clip = v.getValue("clip");
                if (!(clip instanceof String c) || !List.of("spin", "pulse", "bob").contains(c)) {
                    throw ApiException.invalid("visual.clip", "clip is spin, pulse or bob");
                }
            }
            default -> {
                Object decimals = v.getValue("decimals");
                if (decimals != null && !(decimals instanceof Integer d && d >= 0 && d <= 6)) {
                    throw ApiException.invalid("visual.decimals", "decimals is 0 to 6");
                }
            }
        }
    }

    private static boolean colour(Object o) {
        return o instanceof String s && s.matches("#[0-9a-fA-F]{6}");
    }
}
