package org.pujiang.server;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pujiang.agent.kb.KbFormatException;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.server.agent.Agent;
import org.pujiang.server.agent.AgentService;
import org.pujiang.server.auth.User;
import org.pujiang.server.space.Space;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.space.SpaceTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's digital humans, made once on first start: a service-window agent in the 24-hour service hall (64
 * questions on opening hours, documents, appointments and the like) and a guide in the exhibition hall who gives a
 * seven-stop tour. Their knowledge bases ship in the jar ({@code demo/agents/*.json}) and are imported as version 1.
 */
final class DemoAgents {
    private static final Logger log = LoggerFactory.getLogger(DemoAgents.class);
    private static final String MARKER = "demo-agents-v1";

    private record Demo(SpaceTemplate template, String name, String kb, JsonObject persona) {}

    private static final List<Demo> DEMOS = List.of(
            new Demo(SpaceTemplate.SERVICE_HALL, "浦小政 Pu Xiaozheng", "demo/agents/service-hall-kb.json",
                    new JsonObject()
                            .put("name", new JsonObject().put("zh-CN", "浦小政").put("en", "Pu Xiaozheng"))
                            .put("role", "service-window")
                            // just inside the doors, facing them, so that arrivals pass within greeting distance
                            .put("position", new JsonObject().put("x", -2).put("z", 14.5).put("yaw", Math.PI))
                            .put("appearance", new JsonObject().put("uniform", "#1f3a68"))),
            new Demo(SpaceTemplate.EXHIBITION, "导览员小浦 Guide Xiaopu", "demo/agents/exhibition-guide-kb.json",
                    new JsonObject()
                            .put("name", new JsonObject().put("zh-CN", "导览员小浦").put("en", "Guide Xiaopu"))
                            .put("role", "guide")
                            // the tour's first stop, at the welcome stand
                            .put("position", new JsonObject().put("x", -4).put("z", 20.5).put("yaw", -2.642))
                            .put("appearance", new JsonObject().put("uniform", "#1f3a68"))));

    private DemoAgents() {}

    static void seed(KeyRepository keys, SpaceService spaces, AgentService agents, User admin) {
        String ours = UUID.randomUUID().toString();
        if (keys.get(MARKER).isPresent() || !keys.putIfAbsent(MARKER, ours).equals(ours)) {
            return;
        }
        int made = 0;
        for (Demo d : DEMOS) {
            Optional<Space> space = spaces.list(admin, "", 1, 100, true).items().stream()
                    .filter(s -> s.template() == d.template()).findFirst();
            if (space.isEmpty()) {
                log.warn("no {} space for the demo agent {}", d.template().wireName(), d.name());
                continue;
            }
            Agent a = agents.create(admin, new AgentService.NewAgent(space.get().id(), d.name(),
                    Optional.of(d.persona()), Optional.of(List.of("zh-CN", "en"))));
            try {
                agents.importKb(admin, a.id(), KbJson.parse(resource(d.kb())), "demo");
            } catch (KbFormatException e) {
                throw new IllegalStateException("the demo knowledge base " + d.kb() + " is broken: " + e.getMessage(), e);
            }
            made++;
        }
        log.info("created {} demo agents", made);
    }

    private static String resource(String path) {
        try (InputStream in = DemoAgents.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
