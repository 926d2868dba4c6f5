package org.pujiang.server.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.server.storage.TwinModelRepository;

/** The service without a database: format detection, the compiled-model cache, and store lookups. */
class TwinModelServiceTest {
    private static final String LAMP = """
            {"@context": ["https://www.w3.org/2022/wot/td/v1.1"], "@type": "tm:ThingModel",
             "id": "urn:test:lamp", "title": "Lamp",
             "properties": {"on": {"type": "boolean"}, "level": {"type": "integer", "minimum": 0, "maximum": 10}}}""";

    /** Counts finds, so that the tests can tell the cache from the store. */
    static final class MemoryRepository implements TwinModelRepository {
        final Map<String, StoredModel> rows = new ConcurrentHashMap<>();
        final AtomicInteger finds = new AtomicInteger();

        @Override
        public boolean insert(StoredModel model) {
            return rows.putIfAbsent(model.id(), model) == null;
        }

        @Override
        public Optional<StoredModel> find(String id) {
            finds.incrementAndGet();
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public Page<StoredModel> list(int page, int size) {
            List<StoredModel> all = new ArrayList<>(rows.values());
            all.sort(Comparator.comparing(StoredModel::createdAt).reversed());
            int from = Math.min(all.size(), (page - 1) * size);
            return new Page<>(all.subList(from, Math.min(all.size(), from + size)), all.size(), page, size);
        }

        @Override
        public boolean delete(String id) {
            return rows.remove(id) != null;
        }

        @Override
        public long count() {
            return rows.size();
        }

        @Override
        public boolean setRetention(String id, Integer days) {
            return rows.containsKey(id);
        }

        @Override
        public java.util.Map<String, Integer> retentions() {
            return java.util.Map.of();
        }
    }

    private final MemoryRepository repo = new MemoryRepository();
    private final TwinModelService service =
            new TwinModelService(repo, Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));

    private static User user(Role role) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new User(new UserId(UUID.randomUUID()), "u", "U", role, false, t, t);
    }

    @Test
    void recognisesDtdlByItsContext() {
        assertThat(TwinModelService.isDtdl("{\"@context\": \"dtmi:dtdl:context;3\"}")).isTrue();
        assertThat(TwinModelService.isDtdl("{\"@context\": [\"dtmi:dtdl:context;3\", \"dtmi:x;1\"]}")).isTrue();
        assertThat(TwinModelService.isDtdl("{\"@context\": \"dtmi:dtdl:context;2\"}")).isTrue();
        assertThat(TwinModelService.isDtdl(LAMP)).isFalse();
        assertThat(TwinModelService.isDtdl("{}")).isFalse();
        assertThat(TwinModelService.isDtdl("not json")).isFalse();
    }

    @Test
    void storesTheCanonicalFormAndCachesTheCompiledModel() {
        TwinModelService.Model m = service.create(user(Role.OPERATOR), LAMP);
        assertThat(m.stored().sourceFormat()).isEqualTo(TwinModelRepository.SourceFormat.TM);
        assertThat(m.stored().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
        assertThat(m.stored().document()).isEqualTo(org.pujiang.twin.model.ThingModels.write(m.model()));
        int finds = repo.finds.get();
        assertThat(service.compiled("urn:test:lamp")).isPresent();
        assertThat(repo.finds.get()).isEqualTo(finds);
        assertThat(service.compiled("urn:test:lamp").orElseThrow()
                .validateProperty("level", com.fasterxml.jackson.databind.node.IntNode.valueOf(11)))
                .isNotEqualTo(org.pujiang.twin.model.Validation.OK);

        service.delete(user(Role.ADMIN), "urn:test:lamp");
        assertThat(service.compiled("urn:test:lamp")).isEmpty();
    }

    @Test
    void aServiceThatDidNotStoreTheModelCompilesItOnFirstUse() {
        service.create(user(Role.ADMIN), LAMP);
        TwinModelService other = new TwinModelService(repo, Clock.systemUTC());
        assertThat(other.compiled("urn:test:lamp")).isPresent();
        int finds = repo.finds.get();
        assertThat(other.compiled("urn:test:lamp")).isPresent();
        assertThat(repo.finds.get()).isEqualTo(finds);
        assertThat(other.get(user(Role.GUEST), "urn:test:lamp").model().properties()).containsKeys("on", "level");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> service.create(user(Role.MEMBER), LAMP))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> service.create(user(Role.ADMIN), LAMP.replace("\"maximum\": 10", "\"maximum\": -1")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.TWIN_MODEL_INVALID);
                    assertThat(e.problems()).extracting(ApiException.Problem::pointer)
                            .containsExactly("/properties/level");
                });
        service.create(user(Role.ADMIN), LAMP);
        assertThatThrownBy(() -> service.create(user(Role.ADMIN), LAMP))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.TWIN_MODEL_EXISTS));
        assertThatThrownBy(() -> service.get(user(Role.MEMBER), "urn:test:none"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.TWIN_MODEL_NOT_FOUND));
        assertThatThrownBy(() -> service.list(user(Role.MEMBER), 1, 101))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.QUERY_INVALID));
        assertThat(repo.count()).isEqualTo(1);
    }
}
