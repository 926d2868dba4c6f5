package org.pujiang.server.auth;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.error.Text;
import org.pujiang.server.storage.KeyRepository;
import org.pujiang.server.storage.SessionRepository;
import org.pujiang.server.storage.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: registration, login with throttling, guest entry, logout, and turning a
 * bearer token into a live session. Every method may block on the database or on Argon2, so call
 * them from worker threads, never from an event loop. Thread-safe.
 *
 * <p>Sessions are cached for {@link #RECHECK} after each database read: a revocation made on this
 * node takes effect at once, one made on another node of a cluster within that time.
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final int CACHE_MAX = 200_000;
    private static final String TOKEN_KEY_NAME = "session-token-hmac-sha256";
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]*");
    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int PASSWORD_MIN = 8;
    public static final int PASSWORD_MAX = 256;
    public static final int DISPLAY_NAME_MAX = 64;

    /** A signed-in session handed to the client. */
    public record SignIn(String token, Instant expiresAt, User user, UUID sessionId) {}

    private record Cached(Session session, Instant checkedAt) {}

    private final UserRepository users;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenCodec tokens;
    private final ServerConfig.Auth policy;
    private final Clock clock;
    private volatile String decoyHash; // made on first use: an Argon2 hash on every start would slow it
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public AuthService(UserRepository users, SessionRepository sessions, KeyRepository keys, ServerConfig.Auth policy,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.policy = policy;
        this.clock = clock;
        this.hasher = new PasswordHasher(policy.argon2MemoryKib(), policy.argon2Iterations(), policy.argon2Parallelism());
        this.throttle = new LoginThrottle(policy.loginMaxFailures(), policy.loginWindow());
        this.tokens = new TokenCodec(tokenKey(keys));
    }

    private byte[] tokenKey(KeyRepository keys) {
        String stored = keys.get(TOKEN_KEY_NAME).orElseGet(() -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return keys.putIfAbsent(TOKEN_KEY_NAME, Base64.getEncoder().encodeToString(fresh));
        });
        return Base64.getDecoder().decode(stored);
    }

    /** The key under which a username is unique: NFKC, lower case. */
    public static String usernameKey(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private String decoy() {
        String d = decoyHash;
        if (d == null) {
            d = hasher.decoy();
            decoyHash = d;
        }
        return d;
    }

    /** Creates a member account. */
    public User register(String username, String password, String displayName) {
        return createUser(username, password, displayName, Role.MEMBER);
    }

    /** Creates an account with any role but guest; used by registration and by admins. */
    public User createUser(String username, String password, String displayName, Role role) {
        if (role == Role.GUEST) {
            throw new IllegalArgumentException("guests are made by guest(), not createUser()");
        }
        String name = checkUsername(username);
        checkPassword(password, name);
        String display = displayName == null ? name : Text.check("displayName", displayName, 1, DISPLAY_NAME_MAX, false);
        Instant now = now();
        User user = new User(new UserId(Ids.newId()), name, display, role, false, now, now);
        if (!users.insert(user, usernameKey(name), hasher.hash(password))) {
            throw new ApiException(ErrorCode.USERNAME_TAKEN, "the username '" + name + "' is taken", "username", null);
        }
        log.info("account {} ({}) created with role {}", name, user.id(), role.wireName());
        return user;
    }

    /** Checks the password and opens a session; refuses after too many failures. */
    public SignIn login(String username, String password, String remoteAddr, String userAgent) {
        String key = usernameKey(username);
        Instant now = now();
        Optional<Duration> wait = throttle.blockedFor(key, remoteAddr, now);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            throw new ApiException(ErrorCode.LOGIN_THROTTLED,
                    "too many failed logins; try again in " + seconds + " s", null, Duration.ofSeconds(seconds));
        }
        Optional<UserRepository.Credentials> found =
                password.codePointCount(0, password.length()) > PASSWORD_MAX ? Optional.empty() : users.findCredentials(key);
        // Hash even when the account does not exist, so timing does not reveal which usernames exist.
        boolean ok = hasher.verify(password, found.map(UserRepository.Credentials::passwordHash).orElseGet(this::decoy))
                && found.isPresent();
        if (!ok || found.get().user().disabled() || found.get().user().isGuest()) {
            throttle.recordFailure(key, remoteAddr, now);
            throw new ApiException(ErrorCode.CREDENTIALS_INVALID, "wrong username or password");
        }
        throttle.recordSuccess(key, remoteAddr);
        return open(found.get().user(), policy.sessionTtl(), remoteAddr, userAgent);
    }

    /** Makes a guest account and session: visitors enter public spaces without registering. */
    public SignIn guest(String displayName, String remoteAddr, String userAgent) {
        Instant now = now();
        String suffix = Long.toString(random.nextLong() & 0xFFFF_FFFF_FFFFL, 36);
        String username = "guest-" + suffix;
        String display = displayName == null || displayName.isBlank()
                ? "Guest " + suffix.substring(0, Math.min(4, suffix.length())).toUpperCase(Locale.ROOT)
                : Text.check("displayName", displayName, 1, DISPLAY_NAME_MAX, false);
        User user = new User(new UserId(Ids.newId()), username, display, Role.GUEST, false, now, now);
        if (!users.insert(user, usernameKey(username), null)) {
            throw new IllegalStateException("random guest name collided: " + username);
        }
        return open(user, policy.guestTtl(), remoteAddr, userAgent);
    }

    /** Revokes the session; a second logout with the same token is refused as revoked. */
    public void logout(Session session) {
        Instant now = now();
        sessions.revoke(session.id(), now);
        cache.put(session.id(), new Cached(new Session(session.id(), session.user(), session.createdAt(),
                session.expiresAt(), now), now));
    }

    /** Sets a new password and revokes every session of the account. @return false when no such user */
    public boolean resetPassword(String username, String newPassword) {
        Optional<UserRepository.Credentials> found = users.findCredentials(usernameKey(username));
        if (found.isEmpty() || found.get().user().isGuest()) {
            return false;
        }
        User user = found.get().user();
        checkPassword(newPassword, user.username());
        Instant now = now();
        users.updatePassword(user.id(), hasher.hash(newPassword), now);
        int revoked = sessions.revokeAll(user.id(), now);
        cache.values().removeIf(c -> c.session().user().id().equals(user.id()));
        log.info("password of {} reset; {} sessions revoked", user.username(), revoked);
        return true;
    }

    /**
     * The live session a bearer token stands for.
     *
     * @throws ApiException 401 with {@code auth:token.missing|invalid|expired} or {@code auth:session.revoked}
     */
    public Session authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw new ApiException(ErrorCode.TOKEN_MISSING, "this call needs an Authorization: Bearer <token> header");
        }
        Instant now = now();
        TokenCodec.Claims claims = switch (tokens.verify(token, now)) {
            case TokenCodec.Verified.Ok ok -> ok.claims();
            case TokenCodec.Verified.Refused r -> throw switch (r.problem()) {
                case EXPIRED -> new ApiException(ErrorCode.TOKEN_EXPIRED, "the session has expired; sign in again");
                case MALFORMED, BAD_SIGNATURE -> new ApiException(ErrorCode.TOKEN_INVALID, "the token is not valid");
            };
        };
        Cached cached = cache.get(claims.sessionId());
        Session session;
        if (cached != null && cached.checkedAt().plus(RECHECK).isAfter(now)) {
            session = cached.session();
        } else {
            session = sessions.find(claims.sessionId()).orElseThrow(
                    () -> new ApiException(ErrorCode.SESSION_REVOKED, "the session no longer exists; sign in again"));
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            cache.put(session.id(), new Cached(session, now));
        }
        if (session.revokedAt() != null || session.user().disabled()) {
            throw new ApiException(ErrorCode.SESSION_REVOKED, "the session was ended; sign in again");
        }
        if (!now.isBefore(session.expiresAt())) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "the session has expired; sign in again");
        }
        return session;
    }

    /** Periodic housekeeping: forgets ended throttle windows and cached sessions, deletes stale rows. */
    public void housekeeping() {
        Instant now = now();
        throttle.prune(now);
        cache.values().removeIf(c -> !c.session().expiresAt().isAfter(now));
        int expired = sessions.deleteExpired(now.minus(Duration.ofDays(7)));
        int guests = users.deleteStaleGuests(now);
        if (expired > 0 || guests > 0) {
            log.info("housekeeping: deleted {} expired sessions and {} guest accounts", expired, guests);
        }
    }

    /**
     * Makes sure an admin exists. On first start it creates one with {@code password}, or with a
     * generated password that it returns so that the caller can print it once.
     *
     * @return the generated password, or empty when none was generated
     */
    public Optional<String> ensureAdmin(String username, String password) {
        if (users.countByRole(Role.ADMIN) > 0) {
            return Optional.empty();
        }
        boolean generate = password == null || password.isEmpty();
        String pw = generate ? generatePassword() : password;
        createUser(username, pw, "Administrator", Role.ADMIN);
        return generate ? Optional.of(pw) : Optional.empty();
    }

    private String generatePassword() {
        byte[] b = new byte[15];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private SignIn open(User user, Duration ttl, String remoteAddr, String userAgent) {
        Instant now = now();
        Instant expires = now.plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        Session session = new Session(Ids.newId(), user, now, expires, null);
        sessions.insert(session, remoteAddr, userAgent);
        cache.put(session.id(), new Cached(session, now));
        return new SignIn(tokens.sign(new TokenCodec.Claims(session.id(), expires)), expires, user, session.id());
    }

    private static String checkUsername(String username) {
        // Normalise first, so that the limits apply to what is stored (NFKC can lengthen text).
        String name = Text.check("username", Normalizer.normalize(username, Normalizer.Form.NFKC), USERNAME_MIN,
                USERNAME_MAX, false);
        if (!USERNAME.matcher(name).matches()) {
            throw ApiException.invalid("username",
                    "username may hold letters, digits, '_', '.' and '-', and must start with a letter or digit");
        }
        if (usernameKey(name).startsWith("guest-")) {
            throw ApiException.invalid("username", "usernames starting with 'guest-' are reserved for guests");
        }
        return name;
    }

    private static void checkPassword(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
            throw ApiException.invalid("password",
                    "password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters, got " + length);
        }
        if (usernameKey(password).equals(usernameKey(username))) {
            throw ApiException.invalid("password", "password must differ from the username");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
