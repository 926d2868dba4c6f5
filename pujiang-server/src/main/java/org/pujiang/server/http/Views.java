package org.pujiang.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.ToIntFunction;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.auth.User;
import org.pujiang.server.space.Space;
import org.pujiang.server.storage.SpaceRepository;
import org.pujiang.server.storage.TwinModelRepository.StoredModel;
import org.pujiang.space.Bounds;

/** JSON shapes of the API's resources, in one place so that the OpenAPI document can follow them. */
final class Views {
    private Views() {}

    static JsonObject user(User u) {
        return new JsonObject()
                .put("id", u.id().toString())
                .put("username", u.username())
                .put("displayName", u.displayName())
                .put("role", u.role().wireName())
                .put("createdAt", u.createdAt().toString());
    }

    static JsonObject signIn(AuthService.SignIn s) {
        return new JsonObject()
                .put("token", s.token())
                .put("expiresAt", s.expiresAt().toString())
                .put("user", user(s.user()));
    }

    static JsonObject space(Space s, boolean withMembers, int online) {
        JsonObject o = new JsonObject()
                .put("id", s.id().toString())
                .put("name", s.name())
                .put("description", s.description())
                .put("owner", new JsonObject().put("id", s.ownerId().toString()).put("displayName", s.ownerName()))
                .put("template", s.template().wireName())
                .put("visibility", s.visibility().wireName())
                .put("capacity", s.capacity())
                .put("online", online)
                .put("bounds", bounds(s.bounds()))
                .put("createdAt", s.createdAt().toString())
                .put("updatedAt", s.updatedAt().toString())
                .put("version", s.version());
        if (withMembers) {
            JsonArray members = new JsonArray();
            for (Space.Member m : s.members()) {
                members.add(new JsonObject().put("id", m.id().toString()).put("username", m.username())
                        .put("displayName", m.displayName()));
            }
            o.put("members", members);
        }
        return o;
    }

    static JsonObject bounds(Bounds b) {
        return new JsonObject()
                .put("minX", b.minX()).put("minY", b.minY()).put("minZ", b.minZ())
                .put("maxX", b.maxX()).put("maxY", b.maxY()).put("maxZ", b.maxZ());
    }

    static JsonObject page(SpaceRepository.Page<Space> page, ToIntFunction<Space> online) {
        JsonArray items = new JsonArray();
        for (Space s : page.items()) {
            items.add(space(s, false, online.applyAsInt(s)));
        }
        return new JsonObject()
                .put("items", items)
                .put("total", page.total())
                .put("page", page.page())
                .put("size", page.size());
    }

    /** A twin model's summary; with {@code withModel}, the model too, as canonical Thing Model JSON. */
    static JsonObject twinModel(StoredModel m, boolean withModel) {
        JsonObject o = new JsonObject()
                .put("id", m.id())
                .put("version", m.version())
                .put("title", m.title())
                .put("sourceFormat", m.sourceFormat().wireName())
                .put("createdAt", m.createdAt().toString())
                .put("retentionDays", m.retentionDays());
        if (withModel) {
            o.put("model", new JsonObject(m.document()));
        }
        return o;
    }

    static JsonObject twinModelPage(SpaceRepository.Page<StoredModel> page) {
        JsonArray items = new JsonArray();
        for (StoredModel m : page.items()) {
            items.add(twinModel(m, false));
        }
        return new JsonObject()
                .put("items", items)
                .put("total", page.total())
                .put("page", page.page())
                .put("size", page.size());
    }
}
