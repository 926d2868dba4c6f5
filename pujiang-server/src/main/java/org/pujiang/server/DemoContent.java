package org.pujiang.server;

import java.util.List;
import java.util.Optional;
import org.pujiang.server.auth.User;
import org.pujiang.server.space.SpaceChanges;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spaces a newcomer finds on a fresh server, so there is somewhere to go at once. Created on
 * the first start only: an operator who deletes them does not get them back on restart.
 */
final class DemoContent {
    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    private static final String MARKER = "demo-content-v1";

    private record Demo(String name, String description, SpaceTemplate template) {}

    private static final List<Demo> DEMOS = List.of(
            new Demo("浦江数字展览馆 Pujiang Digital Exhibition Hall",
                    "A digital exhibition hall with booths and exhibits. 数字展览馆：展位与展品，访客无需注册即可参观。",
                    SpaceTemplate.EXHIBITION),
            new Demo("会议室 Meeting Room",
                    "A meeting room for up to 24 people. 可容纳 24 人的会议室。", SpaceTemplate.MEETING),
            new Demo("24小时政务服务大厅 24-Hour Service Hall",
                    "A government service hall that never closes. 全天候政务服务大厅。", SpaceTemplate.SERVICE_HALL));

    private DemoContent() {}

    static void seed(KeyRepository keys, SpaceService spaces, User owner) {
        // The marker goes first, with a value of our own: of several nodes starting at once, one seeds.
        String ours = java.util.UUID.randomUUID().toString();
        if (keys.get(MARKER).isPresent() || !keys.putIfAbsent(MARKER, ours).equals(ours)) {
            return;
        }
        for (Demo d : DEMOS) {
            spaces.create(owner, new SpaceChanges(Optional.of(d.name()), Optional.of(d.description()),
                    Optional.of(d.template()), Optional.of(Visibility.PUBLIC), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        log.info("created {} demo spaces", DEMOS.size());
    }
}
