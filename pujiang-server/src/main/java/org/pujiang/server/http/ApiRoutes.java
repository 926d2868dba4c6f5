package org.pujiang.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.auth.User;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.space.Scenes;
import org.pujiang.server.space.Space;
import org.pujiang.server.space.SpaceChanges;
import org.pujiang.server.space.SpaceService;
import org.pujiang.space.Bounds;
import org.pujiang.space.SpaceId;
import org.pujiang.space.SpaceTemplate;
import org.pujiang.space.Visibility;

/**
 * The REST API's routes: each one's method, path, whether it needs a session, and its handler.
 * Handlers run on worker threads and may block. The OpenAPI document must list exactly these
 * routes, and a test holds it to that.
 */
public final class ApiRoutes {
    /** A blocking handler: takes the request, returns the reply or throws {@link ApiException}. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Call call);
    }

    /**
     * One route. {@code path} uses Vert.x syntax ({@code /api/spaces/:id}).
     *
     * @param uploadBytes 0 for a route with a JSON body (the server-wide body limit); otherwise the route takes a
     *     multipart/form-data upload of up to this many bytes, its files spooled to disk ({@link Call#uploads()})
     */
    public record Route(HttpMethod method, String path, boolean needsSession, Handler handler, long uploadBytes) {
        public Route(HttpMethod method, String path, boolean needsSession, Handler handler) {
            this(method, path, needsSession, handler, 0);
        }
    }

    private static final String TEMPLATES = "exhibition, meeting, classroom, gallery, factory, city, service-hall, empty";
    private static final String VISIBILITIES = "public, unlisted, private";

    private final AuthService auth;
    private final SpaceService spaces;
    private final Scenes scenes;
    private final ToIntFunction<SpaceId> online;
    private final List<Route> more;

    /**
     * @param online avatars connected to a space now (0 when it is not running)
     * @param more the routes of other areas (twins, alerts), served alongside
     */
    public ApiRoutes(AuthService auth, SpaceService spaces, Scenes scenes, ToIntFunction<SpaceId> online,
            List<Route> more) {
        this.auth = auth;
        this.spaces = spaces;
        this.scenes = scenes;
        this.online = online;
        this.more = List.copyOf(more);
    }

    /** Every API route but health and the OpenAPI document, which the verticle serves itself. */
    public List<Route> routes() {
        List<Route> all = new java.util.ArrayList<>(List.of(
                new Route(HttpMethod.POST, "/api/auth/register", false, this::register),
                new Route(HttpMethod.POST, "/api/auth/login", false, this::login),
                new Route(HttpMethod.POST, "/api/auth/guest", false, this::guest),
                new Route(HttpMethod.POST, "/api/auth/logout", true, this::logout),
                new Route(HttpMethod.GET, "/api/me", true, c -> Reply.ok(Views.user(c.session().user()))),
                new Route(HttpMethod.POST, "/api/spaces", true, this::createSpace),
                new Route(HttpMethod.GET, "/api/spaces", true, this::listSpaces),
                new Route(HttpMethod.GET, "/api/spaces/:id", true, c -> {
                    Space space = spaces.get(actor(c), spaceId(c));
                    return Reply.ok(Views.space(space, spaces.mayListMembers(actor(c), space), online(space)));
                }),
                new Route(HttpMethod.GET, "/api/spaces/:id/scene", true,
                        c -> Reply.ok(scenes.of(spaces.get(actor(c), spaceId(c)).template()))),
                new Route(HttpMethod.PATCH, "/api/spaces/:id", true, this::updateSpace),
                new Route(HttpMethod.DELETE, "/api/spaces/:id", true, c -> {
                    spaces.delete(actor(c), spaceId(c));
                    return Reply.noContent();
                })));
        all.addAll(more);
        return List.copyOf(all);
    }

    private Reply register(Call c) {
        JsonObject body = c.json();
        User user = auth.register(
                Fields.requiredString(body, "username"),
                Fields.requiredString(body, "password"),
                Fields.optionalString(body, "displayName").orElse(null));
        return Reply.created(Views.user(user));
    }

    private Reply login(Call c) {
        JsonObject body = c.json();
        return Reply.ok(Views.signIn(auth.login(
                Fields.requiredString(body, "username"),
                Fields.requiredString(body, "password"),
                c.remoteAddr(), c.userAgent())));
    }

    private Reply guest(Call c) {
        JsonObject body = c.jsonOrEmpty();
        return Reply.ok(Views.signIn(auth.guest(
                Fields.optionalString(body, "displayName").orElse(null), c.remoteAddr(), c.userAgent())));
    }

    private Reply logout(Call c) {
        auth.logout(c.session());
        return Reply.noContent();
    }

    private Reply createSpace(Call c) {
        return Reply.created(Views.space(spaces.create(actor(c), changes(c.json())), true, 0));
    }

    private Reply listSpaces(Call c) {
        return Reply.ok(Views.page(spaces.list(actor(c), c.query("q", ""), c.queryInt("page", 1),
                c.queryInt("size", 20), c.queryBool("mine")), this::online));
    }

    private Reply updateSpace(Call c) {
        JsonObject body = c.json();
        for (String readOnly : List.of("id", "owner", "createdAt", "updatedAt")) {
            if (body.containsKey(readOnly)) {
                throw ApiException.invalid(readOnly, readOnly + " cannot be changed");
            }
        }
        Space space = spaces.update(actor(c), spaceId(c), changes(body));
        return Reply.ok(Views.space(space, spaces.mayListMembers(actor(c), space), online(space)));
    }

    private int online(Space space) {
        return online.applyAsInt(space.id());
    }

    private static SpaceChanges changes(JsonObject body) {
        return new SpaceChanges(
                Fields.optionalString(body, "name"),
                Fields.optionalString(body, "description"),
                Fields.optionalEnum(body, "template", SpaceTemplate::fromWire, TEMPLATES),
                Fields.optionalEnum(body, "visibility", Visibility::fromWire, VISIBILITIES),
                Fields.optionalInt(body, "capacity"),
                Fields.optionalObject(body, "bounds").map(ApiRoutes::bounds),
                Fields.optionalStringList(body, "members"),
                Fields.optionalInt(body, "version").map(Integer::longValue));
    }

    private static Bounds bounds(JsonObject b) {
        try {
            return new Bounds(
                    Fields.requiredDouble(b, "bounds", "minX"), Fields.requiredDouble(b, "bounds", "minY"),
                    Fields.requiredDouble(b, "bounds", "minZ"), Fields.requiredDouble(b, "bounds", "maxX"),
                    Fields.requiredDouble(b, "bounds", "maxY"), Fields.requiredDouble(b, "bounds", "maxZ"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("bounds", e.getMessage());
        }
    }

    private static User actor(Call c) {
        return c.session().user();
    }

    /** The space named by the path parameter {@code id}; 404 space:not-found when it is not a space id. */
    static SpaceId spaceId(Call c) {
        Optional<SpaceId> id = SpaceId.parse(c.path("id"));
        return id.orElseThrow(() -> new ApiException(ErrorCode.SPACE_NOT_FOUND, "no space " + abbreviate(c.path("id"))));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
