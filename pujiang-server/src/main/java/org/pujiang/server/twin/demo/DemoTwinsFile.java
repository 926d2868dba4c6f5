package org.pujiang.server.twin.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo twins a fresh server offers and {@code pujiang simulate} drives: {@code demo/twins/demo.json} on the
 * class path, with the Thing Model files it lists beside it. Plain data; {@link DemoTwinsFileTest} checks that
 * every reference in it resolves (models parse, twins name listed models, bindings name existing properties and
 * scene objects). Immutable and thread-safe.
 *
 * @param models Thing Model file names, relative to {@code demo/twins/}, in the order to create them
 * @param twins  twins in the order to create them (parents before children)
 * @param links  directed, named edges between twins: site contains building contains line contains machine
 * @param spaces bindings of scene objects to twin properties, one entry per demo space
 * @param rules  bodies for {@code POST /api/rules}, passed as they are
 */
public record DemoTwinsFile(int version, List<String> models, List<Twin> twins, List<Link> links,
                           List<SpaceBindings> spaces, List<ObjectNode> rules) {
    /** Where the file lies on the class path. */
    public static final String RESOURCE = "demo/twins/demo.json";
    static final String DIR = "demo/twins/";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public DemoTwinsFile {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        twins = List.copyOf(Objects.requireNonNull(twins, "twins"));
        links = links == null ? List.of() : List.copyOf(links);
        spaces = spaces == null ? List.of() : List.copyOf(spaces);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * A twin to create ({@code POST /api/twins}).
     *
     * @param model      the id of one of the listed models (not a file name)
     * @param attributes static facts (serial number, rated force); may be empty
     * @param location   where it is; may be null
     */
    public record Twin(String id, String model, String name, ObjectNode attributes, Location location) {
        public Twin {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(name, "name");
            attributes = attributes == null ? MAPPER.createObjectNode() : attributes.deepCopy();
        }
    }

    /**
     * Where a twin is: on the earth ({@code lat}, {@code lon}, WGS 84 degrees) and/or in a demo space ({@code space}
     * is a key of {@link #spaces}, {@code x, y, z} metres in the scene's frame). Absent parts are null.
     */
    public record Location(Double lat, Double lon, String space, Double x, Double y, Double z) {
    }

    /** A directed edge {@code from -rel-> to}, e.g. {@code factory-line-a -contains-> factory-press-a}. */
    public record Link(String from, String rel, String to) {
        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(rel, "rel");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * The bindings of one demo space.
     *
     * @param space {@code factory}: the demo space of template factory; {@code city}: the one of template city
     */
    public record SpaceBindings(String space, List<Binding> items) {
        public SpaceBindings {
            Objects.requireNonNull(space, "space");
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }
    }

    /**
     * One scene object shown through one twin property.
     *
     * @param object the {@code id} of an item of {@code scenes/<template>.json}
     * @param visual {@code {"kind": "colour"|"label"|"gauge"|"animation", ...}} as {@code GET /api/spaces/{id}/bindings} serves it
     */
    public record Binding(String object, String twin, String property, ObjectNode visual) {
        public Binding {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(twin, "twin");
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(visual, "visual");
        }
    }

    /** The file shipped in the jar. */
    public static DemoTwinsFile load() {
        return parse(resource(RESOURCE));
    }

    /** Parses a demo file; throws IllegalArgumentException naming the problem when it does not fit the records. */
    public static DemoTwinsFile parse(String json) {
        try {
            return MAPPER.readValue(json, DemoTwinsFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("demo twins file: " + e.getOriginalMessage(), e);
        }
    }

    /** Each listed Thing Model document, by file name, in the listed order. */
    public Map<String, String> modelDocuments() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : models) {
            out.put(file, resource(DIR + file));
        }
        return out;
    }

    public Optional<Twin> twin(String id) {
        return twins.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public Optional<SpaceBindings> bindings(String space) {
        return spaces.stream().filter(s -> s.space().equals(space)).findFirst();
    }

    static String resource(String path) {
        try (InputStream in = DemoTwinsFile.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
