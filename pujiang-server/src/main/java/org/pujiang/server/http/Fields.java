package org.pujiang.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.pujiang.server.error.ApiException;

/** Typed reads of JSON body fields; a wrong type is a 422 that names the field and the type wanted. */
final class Fields {
    private Fields() {}

    static String requiredString(JsonObject o, String name) {
        return optionalString(o, name).orElseThrow(() -> ApiException.missing(name));
    }

    static Optional<String> optionalString(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw ApiException.invalid(name, name + " must be a string, got " + typeName(v));
    }

    static Optional<Integer> optionalInt(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n && isIntegral(n)) {
            long l = n.longValue();
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw ApiException.invalid(name, name + " is out of range: " + n);
            }
            return Optional.of((int) l);
        }
        throw ApiException.invalid(name, name + " must be a whole number, got " + typeName(v));
    }

    static double requiredDouble(JsonObject o, String objectName, String name) {
        Object v = o.getValue(name);
        String path = objectName + "." + name;
        if (v == null) {
            throw ApiException.missing(path);
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw ApiException.invalid(path, path + " must be a number, got " + typeName(v));
    }

    static Optional<JsonObject> optionalObject(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof JsonObject j) {
            return Optional.of(j);
        }
        throw ApiException.invalid(name, name + " must be an object, got " + typeName(v));
    }

    static Optional<List<String>> optionalStringList(JsonObject o, String name) {
        Object v = o.getValue(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof JsonArray a)) {
            throw ApiException.invalid(name, name + " must be an array of strings, got " + typeName(v));
        }
        List<String> out = new ArrayList<>(a.size());
        for (Object item : a) {
            if (!(item instanceof String s)) {
                throw ApiException.invalid(name, name + " must be an array of strings, found " + typeName(item));
            }
            out.add(s);
        }
        return Optional.of(out);
    }

    /** A string field parsed by {@code parse}; empty from {@code parse} is a 422 listing {@code allowed}. */
    static <T> Optional<T> optionalEnum(JsonObject o, String name, Function<String, Optional<T>> parse, String allowed) {
        return optionalString(o, name).map(s -> parse.apply(s).orElseThrow(
                () -> ApiException.invalid(name, name + " must be one of " + allowed + ", got '"
                        + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'")));
    }

    private static boolean isIntegral(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return true;
        }
        if (n instanceof java.math.BigInteger) {
            return true;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof JsonArray) {
            return "an array";
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        return v.getClass().getSimpleName();
    }
}
