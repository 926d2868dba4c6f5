package org.pujiang.space;

import java.util.Optional;

/**
 * What kind of place a space is. The template picks the layout the client builds and the defaults
 * a new space gets when its creator leaves capacity or bounds out.
 */
public enum SpaceTemplate {
    EXHIBITION("exhibition", 200, Bounds.centred(80, 20, 60)),
    MEETING("meeting", 24, Bounds.centred(20, 6, 14)),
    CLASSROOM("classroom", 60, Bounds.centred(24, 6, 18)),
    GALLERY("gallery", 100, Bounds.centred(50, 12, 30)),
    FACTORY("factory", 100, Bounds.centred(200, 30, 120)),
    CITY("city", 1000, Bounds.centred(4000, 600, 4000)),
    SERVICE_HALL("service-hall", 150, Bounds.centred(60, 12, 40)),
    EMPTY("empty", 50, Bounds.centred(100, 50, 100));

    private final String wireName;
    private final int defaultCapacity;
    private final Bounds defaultBounds;

    SpaceTemplate(String wireName, int defaultCapacity, Bounds defaultBounds) {
        this.wireName = wireName;
        this.defaultCapacity = defaultCapacity;
        this.defaultBounds = defaultBounds;
    }

    /** The name used in JSON, the database and URLs, e.g. {@code service-hall}. */
    public String wireName() {
        return wireName;
    }

    public int defaultCapacity() {
        return defaultCapacity;
    }

    public Bounds defaultBounds() {
        return defaultBounds;
    }

    /** The template with this wire name, or empty when there is none. */
    public static Optional<SpaceTemplate> fromWire(String name) {
        for (SpaceTemplate t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
