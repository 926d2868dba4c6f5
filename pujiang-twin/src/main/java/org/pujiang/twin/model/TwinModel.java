package org.pujiang.twin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A twin model: what a kind of twin reports, accepts and announces. Immutable; maps keep declaration order.
 * Build one with {@link ThingModels#parse} or {@link DtdlImport#parse}, which check what this record does
 * not (ranges, names, schema consistency) and report every problem at once.
 *
 * @param id      URI-like id, e.g. {@code dtmi:pujiang:factory:Press;1} or {@code urn:pujiang:model:press}
 * @param version model version (TD {@code version.model}; DTDL the {@code ;N} of the id), or null
 */
public record TwinModel(String id, String version, String title, String description,
                        Map<String, Property> properties, Map<String, Action> actions, Map<String, Event> events,
                        List<Link> links, List<Part> parts) {
    public TwinModel {
        Objects.requireNonNull(id, "id");
        properties = ordered(properties, Property::name);
        actions = ordered(actions, Action::name);
        events = ordered(events, Event::name);
        links = List.copyOf(links);
        parts = List.copyOf(parts);
    }

    /** A copy in declaration order, keyed by each affordance's own name so lookups cannot disagree with it. */
    private static <V> Map<String, V> ordered(Map<String, V> map, Function<V, String> name) {
        map.forEach((key, value) -> {
            if (!key.equals(name.apply(value))) {
                throw new IllegalArgumentException("key " + key + " holds an affordance named " + name.apply(value));
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
