package org.pujiang.server;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.pujiang.server.auth.User;
import org.pujiang.server.space.Space;
import org.pujiang.server.space.SpaceChanges;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.server.twin.TwinAcl;
import org.pujiang.server.twin.TwinModelService;
import org.pujiang.server.twin.TwinService;
import org.pujiang.server.twin.demo.DemoTwinsFile;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin demo a newcomer finds on a fresh server: a factory twin space and a city sandbox, with the twins of a
 * factory line and a city block bound to their objects ({@code demo/twins/demo.json}). {@code pujiang simulate}
 * makes them live. Created once, on the first start that has twins: an operator who deletes them keeps them
 * deleted.
 */
final class DemoTwins {
    private static final Logger log = LoggerFactory.getLogger(DemoTwins.class);
    private static final String MARKER = "demo-twins-v1";
    /** Everyone signed in sees the demo twins; anyone with an account may steer them. */
    private static final TwinAcl DEMO_ACL = new TwinAcl(List.of("*"), List.of("registered"), List.of("registered"));

    private DemoTwins() {}

    /**
     * @param rules creates the demo's rules (a {@code POST /api/rules} body each); errors are logged, not fatal
     */
    static void seed(KeyRepository keys, SpaceService spaces, TwinModelService models, TwinService twins, User owner,
            Consumer<JsonObject> rules) {
        String ours = java.util.UUID.randomUUID().toString();
        if (keys.get(MARKER).isPresent() || !keys.putIfAbsent(MARKER, ours).equals(ours)) {
            return;
        }
        DemoTwinsFile demo = DemoTwinsFile.load();
        for (String document : demo.modelDocuments().values()) {
            models.create(owner, document);
        }
        Map<String, SpaceId> spaceIds = new HashMap<>();
        spaceIds.put("factory", space(spaces, owner, "浦江智能工厂孪生 Factory Twin",
                "A factory line's digital twin, live: press, conveyor and robots, with their alerts. "
                        + "数字孪生工厂：液压机、输送线与机器人的实时数据与告警。运行 pujiang simulate 让它动起来。",
                SpaceTemplate.FACTORY));
        spaceIds.put("city", space(spaces, owner, "城市沙盘 City Sandbox",
                "A city block in miniature: streetlights, air quality, traffic and energy, live and replayable. "
                        + "城市沙盘：路灯、空气质量、交通与能耗的实时数据，可回放推演。",
                SpaceTemplate.CITY));
        for (DemoTwinsFile.Twin t : demo.twins()) {
            DemoTwinsFile.Location l = t.location();
            TwinService.Location location = l == null ? TwinService.Location.NONE
                    : new TwinService.Location(l.lat(), l.lon(), l.space() == null ? null : spaceIds.get(l.space()),
                            l.x(), l.x() == null ? null : (l.y() == null ? 0.0 : l.y()), l.z());
            twins.create(owner, new TwinService.NewTwin(Optional.of(t.id()), t.model(), t.name(),
                    new JsonObject(t.attributes().toString()), location, DEMO_ACL));
        }
        for (DemoTwinsFile.Link link : demo.links()) {
            twins.addLink(owner, link.from(), link.rel(), link.to());
        }
        int bound = 0;
        for (DemoTwinsFile.SpaceBindings sb : demo.spaces()) {
            SpaceId space = spaceIds.get(sb.space());
            if (space == null) {
                log.warn("demo bindings name space {}, which the demo does not create", sb.space());
                continue;
            }
            for (DemoTwinsFile.Binding b : sb.items()) {
                twins.bind(owner, space, b.object(), b.twin(), b.property(), new JsonObject(b.visual().toString()));
                bound++;
            }
        }
        for (var rule : demo.rules()) {
            try {
                rules.accept(new JsonObject(rule.toString()));
            } catch (RuntimeException e) {
                log.warn("demo rule not created: {}", e.getMessage());
            }
        }
        log.info("created the twin demo: {} twins, {} bindings, {} rules, spaces {}", demo.twins().size(), bound,
                demo.rules().size(), spaceIds.keySet());
    }

    private static SpaceId space(SpaceService spaces, User owner, String name, String description,
            SpaceTemplate template) {
        Space s = spaces.create(owner, new SpaceChanges(Optional.of(name), Optional.of(description),
                Optional.of(template), Optional.of(Visibility.PUBLIC), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        return s.id();
    }

}
