package org.pujiang.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pujiang.ledger.asset.AccountId;
import org.pujiang.ledger.asset.AssetCommand;
import org.pujiang.ledger.asset.AssetId;
import org.pujiang.ledger.asset.AssetView;
import org.pujiang.ledger.asset.EditionView;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.asset.MediaCheck;
import org.pujiang.ledger.asset.MediaVerdict;
import org.pujiang.ledger.asset.Standing;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.auth.UserId;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.ledger.AssetLedger;
import org.pujiang.server.ledger.ContentStore;
import org.pujiang.server.ledger.Ledger;
import org.pujiang.server.ledger.LogClosedException;
import org.pujiang.server.ledger.LogOverloadedException;
import org.pujiang.server.space.Scenes;
import org.pujiang.server.space.Space;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AssetRepository;
import org.pujiang.server.storage.AssetRepository.Placement;
import org.pujiang.server.storage.AssetRepository.Verification;
import org.pujiang.server.storage.UserRepository;
import org.pujiang.space.SpaceId;

/**
 * Identity, digital assets and their placement in spaces (docs/ledger.md). Every asset operation is decided by the
 * asset ledger on the log writer's thread and answered only once its entry is durable; every refusal is written to
 * the audit log with its code. There is deliberately no price, sale or marketplace route: transfers are gifts.
 */
public final class AssetRoutes {
    /** How long a request waits for the log writer before answering 503. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    static final int TITLE_MAX = 200;
    static final int LICENCE_MAX = 200;
    static final int REQUEST_ID_MAX = 64;

    private final Ledger ledger;
    private final SpaceService spaces;
    private final Scenes scenes;
    private final UserRepository users;
    private final AssetRepository repo;
    private final ServerConfig.Ledger config;
    private final Clock clock;

    public AssetRoutes(Ledger ledger, SpaceService spaces, Scenes scenes, UserRepository users, AssetRepository repo,
            ServerConfig.Ledger config, Clock clock) {
        this.ledger = ledger;
        this.spaces = spaces;
        this.scenes = scenes;
        this.users = users;
        this.repo = repo;
        this.config = config;
        this.clock = clock;
    }

    public List<ApiRoutes.Route> routes() {
        long upload = config == null ? 1 : config.maxFileBytes() + 64L * 1024;
        return List.of(
                new ApiRoutes.Route(HttpMethod.POST, "/api/me/verification", true, this::verify),
                new ApiRoutes.Route(HttpMethod.GET, "/api/me/verification", true, this::verification),
                new ApiRoutes.Route(HttpMethod.GET, "/api/me/assets", true, this::myAssets),
                new ApiRoutes.Route(HttpMethod.POST, "/api/assets", true, this::register, upload),
                new ApiRoutes.Route(HttpMethod.GET, "/api/assets/:id", true, this::asset),
                new ApiRoutes.Route(HttpMethod.GET, "/api/assets/:id/file", true, this::file),
                new ApiRoutes.Route(HttpMethod.POST, "/api/assets/:id/mint", true, this::mint),
                new ApiRoutes.Route(HttpMethod.POST, "/api/assets/:id/transfer", true, this::transfer),
                new ApiRoutes.Route(HttpMethod.POST, "/api/assets/:id/burn", true, this::burn),
                new ApiRoutes.Route(HttpMethod.GET, "/api/assets/:id/provenance", true, this::provenance),
                new ApiRoutes.Route(HttpMethod.GET, "/api/assets/:id/proof", true, this::proof),
                new ApiRoutes.Route(HttpMethod.GET, "/api/spaces/:id/assets", true, this::placements),
                new ApiRoutes.Route(HttpMethod.POST, "/api/spaces/:id/assets", true, this::place),
                new ApiRoutes.Route(HttpMethod.DELETE, "/api/spaces/:id/assets/:placement", true, this::unplace),
                new ApiRoutes.Route(HttpMethod.GET, "/api/creators", true, this::creators),
                new ApiRoutes.Route(HttpMethod.PUT, "/api/creators/:user", true, this::approveCreator),
                new ApiRoutes.Route(HttpMethod.DELETE, "/api/creators/:user", true, this::revokeCreator),
                new ApiRoutes.Route(HttpMethod.GET, "/api/audit", true, this::audit));
    }

    // ---- identity

    private Reply verify(Call c) {
        User user = registered(c);
        JsonObject b = c.json();
        String name = Fields.requiredString(b, "realName");
        String number = Fields.requiredString(b, "idNumber");
        try {
            Verification v = ledger.identity().verify(user, name, number);
            repo.audit(clock.instant(), user.id(), "identity.verify", "ok", user.id().value().toString(),
                    "verified as " + v.nameMasked() + " " + v.idMasked());
            return Reply.ok(verificationJson(v));
        } catch (ApiException e) {
            // The number itself never reaches the audit log, only why it was refused.
            repo.audit(clock.instant(), user.id(), "identity.verify", e.error().code(), user.id().value().toString(),
                    e.getMessage());
            throw e;
        }
    }

    private Reply verification(Call c) {
        User user = c.session().user();
        return Reply.ok(ledger.identity().verification(user.id()).map(this::verificationJson)
                .orElse(new JsonObject().put("status", "unverified")));
    }

    private JsonObject verificationJson(Verification v) {
        return new JsonObject().put("status", "verified").put("realName", v.nameMasked()).put("idNumber", v.idMasked())
                .put("birthDate", v.birthDate().toString()).put("adult", ledger.identity().adult(v))
                .put("verifiedAt", v.verifiedAt().toString());
    }

    // ---- assets

    private Reply register(Call c) {
        User user = registered(c);
        String contentType = c.contentType() == null ? "" : c.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!contentType.startsWith("multipart/form-data")) {
            throw new ApiException(ErrorCode.MEDIA_TYPE_UNSUPPORTED,
                    "upload the asset as multipart/form-data with a file and the fields title, licence and editions");
        }
        List<Call.Upload> files = c.uploads().stream().filter(u -> u.field().equals("file")).toList();
        if (files.size() != 1) {
            throw new ApiException(ErrorCode.FIELD_MISSING, "send exactly one file, in the form field 'file'", "file",
                    null);
        }
        Call.Upload upload = files.get(0);
        String title = formText(c, "title", TITLE_MAX, true);
        String licence = formText(c, "licence", LICENCE_MAX, true);
        int editions = formInt(c, "editions", 1, config.maxEditions());
        if (upload.size() > config.maxFileBytes()) {
            throw refusedUpload(user, ErrorCode.ASSET_FILE_TOO_LARGE, upload.fileName(),
                    "the file has " + upload.size() + " bytes; the limit is " + config.maxFileBytes());
        }
        byte[] bytes = upload.bytes();
        String fileName = upload.fileName() == null ? "" : upload.fileName();
        MediaVerdict verdict = MediaCheck.inspect(bytes, fileName);
        if (verdict instanceof MediaVerdict.Rejected r) {
            throw refusedUpload(user, ErrorCode.ofCode(r.code()).orElse(ErrorCode.ASSET_FORMAT_CORRUPT), fileName,
                    r.message());
        }
        MediaVerdict.Accepted accepted = (MediaVerdict.Accepted) verdict;
        String hash = ContentStore.sha256(bytes);
        // The file first: an entry must never name bytes the store does not have. A crash in between leaves an
        // unreferenced file, which is harmless.
        ledger.files().put(hash, bytes);
        AssetId id = AssetId.random();
        AssetCommand command = new AssetCommand.Register(id, "sha256:" + hash, accepted.format(), bytes.length, title,
                licence, editions);
        AssetLedger.Outcome.Appended a = appended(user, command, standing(user), null, "asset.register",
                requestId(c.form()));
        AssetId registered = a.entry().asset(); // a replayed request answers with the asset it registered first
        JsonObject answer = assetView(view(registered).orElseThrow(() -> notFound(registered))).put("logIndex", a.index());
        if (a.replayed()) {
            answer.put("replayed", true);
        }
        return Reply.created(answer);
    }

    private Reply asset(Call c) {
        AssetId id = assetId(c);
        AssetView view = view(id).orElseThrow(() -> notFound(id));
        return Reply.ok(assetView(view));
    }

    private Reply file(Call c) {
        AssetId id = assetId(c);
        AssetView view = view(id).orElseThrow(() -> notFound(id));
        String hash = view.contentHash().substring("sha256:".length());
        byte[] bytes = ledger.files().get(hash).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "the file of asset " + id + " is not in this server's content store"));
        // Content-addressed: the bytes of this URL never change.
        return Reply.raw(200, view.format().mime(), Buffer.buffer(bytes), "private, max-age=31536000, immutable");
    }

    private Reply mint(Call c) {
        User user = registered(c);
        AssetId id = assetId(c);
        JsonObject b = c.jsonOrEmpty();
        int count = Fields.optionalInt(b, "count").orElse(0);
        if (count < 0) {
            throw ApiException.invalid("count", "count must be 1 or more (leave it out to mint every remaining edition)");
        }
        return Reply.ok(entryJson(appended(user, new AssetCommand.Mint(id, count), standing(user), null, "asset.mint",
                requestId(b))));
    }

    private Reply transfer(Call c) {
        User user = registered(c);
        AssetId id = assetId(c);
        JsonObject b = c.json();
        int edition = Fields.optionalInt(b, "edition").orElseThrow(() -> ApiException.missing("edition"));
        String to = Fields.requiredString(b, "to");
        User recipient = findUser(to).orElseThrow(() -> {
            repo.audit(clock.instant(), user.id(), "asset.transfer", ErrorCode.ASSET_RECIPIENT_NOT_FOUND.code(),
                    id.toString(), "no account " + to);
            return new ApiException(ErrorCode.ASSET_RECIPIENT_NOT_FOUND, "no account '" + to + "'");
        });
        return Reply.ok(entryJson(appended(user, new AssetCommand.Transfer(id, edition, account(recipient.id())),
                standing(user), standing(recipient), "asset.transfer", requestId(b))));
    }

    private Reply burn(Call c) {
        User user = registered(c);
        AssetId id = assetId(c);
        JsonObject b = c.json();
        int edition = Fields.optionalInt(b, "edition").orElseThrow(() -> ApiException.missing("edition"));
        return Reply.ok(entryJson(appended(user, new AssetCommand.Burn(id, edition), standing(user), null,
                "asset.burn", requestId(b))));
    }

    /** Events per provenance page at most. */
    static final int PROVENANCE_PAGE_MAX = 1000;

    private Reply provenance(Call c) {
        AssetId id = assetId(c);
        List<Long> indexes = await(ledger.assets().provenance(id));
        if (indexes.isEmpty()) {
            throw notFound(id);
        }
        if (c.query().get("edition") != null) {
            indexes = editionChain(id, c.queryInt("edition", 0));
        }
        long after = LedgerRoutes.longParam(c, "after", -1);
        int limit = c.queryInt("limit", PROVENANCE_PAGE_MAX);
        if (limit < 1 || limit > PROVENANCE_PAGE_MAX) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "limit must be between 1 and " + PROVENANCE_PAGE_MAX
                    + ", got " + limit);
        }
        // Indexes are in log order: the page is the first `limit` after the cursor.
        int from = java.util.Collections.binarySearch(indexes, after);
        from = from >= 0 ? from + 1 : -from - 1;
        List<Long> page = indexes.subList(from, Math.min(indexes.size(), from + limit));
        List<LedgerEntry> entries = ledger.assets().entries(page);
        JsonArray events = new JsonArray();
        Map<AccountId, String> names = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            events.add(event(entries.get(i), page.get(i), names));
        }
        JsonObject out = new JsonObject().put("asset", id.toString()).put("events", events)
                .put("total", indexes.size()).put("logSize", ledger.writer().tail().size());
        if (from + page.size() < indexes.size()) {
            out.put("next", page.get(page.size() - 1)); // pass as ?after= for the next page
        }
        return Reply.ok(out);
    }

    /**
     * One edition's history: the asset's registration, the mint that made the edition, then its transfers and burn,
     * found by walking the {@code prev} links back from its latest entry (a few reads, however busy the asset is).
     */
    private List<Long> editionChain(AssetId id, int edition) {
        EditionView e = await(ledger.assets().read(book -> book.edition(id, edition)))
                .orElseThrow(() -> new ApiException(ErrorCode.ASSET_EDITION_NOT_FOUND, "asset " + id
                        + " has no edition " + edition));
        AssetView asset = view(id).orElseThrow(() -> notFound(id));
        java.util.ArrayDeque<Long> chain = new java.util.ArrayDeque<>();
        long at = e.lastLogIndex();
        while (true) {
            chain.addFirst(at);
            LedgerEntry entry = ledger.assets().entries(List.of(at)).get(0);
            if (entry instanceof LedgerEntry.Transfer t) {
                at = t.prev();
            } else if (entry instanceof LedgerEntry.Burn b) {
                at = b.prev();
            } else {
                break; // the mint
            }
        }
        chain.addFirst(asset.logIndex());
        return List.copyOf(chain);
    }

    /**
     * An entry of an asset with everything a browser needs to check it offline: the entry's bytes, an inclusion
     * proof into the published checkpoint, that checkpoint as a signed note, and the log's verifier key.
     */
    private Reply proof(Call c) {
        AssetId id = assetId(c);
        long index = LedgerRoutes.longParam(c, "logIndex", -1);
        List<Long> indexes = await(ledger.assets().provenance(id));
        if (indexes.isEmpty()) {
            throw notFound(id);
        }
        if (index < 0) {
            index = indexes.get(indexes.size() - 1);
        }
        if (!indexes.contains(index)) {
            throw new ApiException(ErrorCode.LEDGER_RANGE_INVALID, "log entry " + index + " is not one of asset " + id);
        }
        String note = ledger.witnesses().published();
        long size = checkpointSize(note);
        if (index >= size) {
            throw new ApiException(ErrorCode.LEDGER_NO_CHECKPOINT, "log entry " + index + " is not yet covered by a"
                    + " published checkpoint (size " + size + "); ask again in a moment", null, Duration.ofSeconds(1));
        }
        byte[] leaf = ledger.reader().entries(index, index + 1).get(0);
        return Reply.ok(new JsonObject()
                .put("logIndex", index)
                .put("leaf", Base64.getEncoder().encodeToString(leaf))
                .put("inclusion", new JsonObject().put("index", index).put("size", size)
                        .put("hashes", LedgerRoutes.hashes(ledger.reader().inclusion(index, size))))
                .put("checkpoint", note)
                .put("vkey", ledger.writer().key().vkey()));
    }

    private static long checkpointSize(String note) {
        String[] lines = note.split("\n", 3);
        return Long.parseLong(lines[1]);
    }

    private Reply myAssets(Call c) {
        User user = c.session().user();
        AccountId me = account(user.id());
        List<EditionView> held = await(ledger.assets().read(book -> book.holdings(me)));
        JsonArray out = new JsonArray();
        Map<AssetId, Optional<AssetView>> assets = new HashMap<>();
        for (EditionView e : held) {
            Optional<AssetView> a = assets.computeIfAbsent(e.asset(), this::view);
            JsonObject o = editionJson(e);
            a.ifPresent(v -> o.put("title", v.title()).put("format", v.format().wireName())
                    .put("fileUrl", "/api/assets/" + v.id() + "/file"));
            out.add(o);
        }
        return Reply.ok(new JsonObject().put("editions", out));
    }

    // ---- placements

    private Reply placements(Call c) {
        Space space = spaces.get(c.session().user(), spaceId(c));
        JsonArray out = new JsonArray();
        for (Placement p : repo.placements(space.id().value())) {
            AssetId asset = new AssetId(p.asset());
            Optional<EditionView> edition = await(ledger.assets().read(book -> book.edition(asset, p.edition())));
            // A placement shows only while its placer still holds the edition.
            if (edition.isEmpty() || edition.get().burned()
                    || !edition.get().holder().equals(account(p.placedBy()))) {
                continue;
            }
            view(asset).ifPresent(v -> out.add(new JsonObject()
                    .put("id", p.id().toString())
                    .put("asset", v.id().toString())
                    .put("edition", p.edition())
                    .put("slot", p.slot())
                    .put("title", v.title())
                    .put("licence", v.licence())
                    .put("creator", v.creator().toString())
                    .put("creatorName", name(v.creator(), new HashMap<>()))
                    .put("format", v.format().wireName())
                    .put("fileUrl", "/api/assets/" + v.id() + "/file")
                    .put("holder", p.placedBy().value().toString())
                    .put("holderName", name(account(p.placedBy()), new HashMap<>()))));
        }
        return Reply.ok(new JsonObject().put("placements", out));
    }

    private Reply place(Call c) {
        User user = c.session().user();
        Space space = spaces.manageable(user, spaceId(c));
        JsonObject b = c.json();
        AssetId asset;
        try {
            asset = AssetId.parse(Fields.requiredString(b, "asset"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("asset", "asset must be an asset id (a lower-case UUID)");
        }
        if (view(asset).isEmpty()) {
            throw notFound(asset);
        }
        int edition = Fields.optionalInt(b, "edition").orElseThrow(() -> ApiException.missing("edition"));
        String slot = Fields.requiredString(b, "slot");
        if (!scenes.slots(space.template()).contains(slot)) {
            throw new ApiException(ErrorCode.ASSET_SLOT_INVALID, "the " + space.template().wireName()
                    + " scene has no slot '" + slot + "'; it has " + scenes.slots(space.template()), "slot", null);
        }
        Optional<EditionView> held = await(ledger.assets().read(book -> book.edition(asset, edition)));
        if (held.isEmpty() || held.get().burned() || !held.get().holder().equals(account(user.id()))) {
            throw new ApiException(ErrorCode.ASSET_NOT_HOLDER, "you do not hold edition " + edition + " of " + asset);
        }
        Placement p = new Placement(UUID.randomUUID(), space.id().value(), asset.value(), edition, slot, user.id(),
                clock.instant());
        if (!repo.place(p)) {
            throw new ApiException(ErrorCode.ASSET_SLOT_TAKEN, "slot " + slot + " already shows an asset");
        }
        return Reply.created(new JsonObject().put("id", p.id().toString()).put("asset", asset.toString())
                .put("edition", edition).put("slot", slot));
    }

    private Reply unplace(Call c) {
        Space space = spaces.manageable(c.session().user(), spaceId(c));
        UUID id;
        try {
            id = UUID.fromString(c.path("placement"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.ASSET_PLACEMENT_NOT_FOUND, "no placement " + c.path("placement"));
        }
        if (!repo.unplace(space.id().value(), id)) {
            throw new ApiException(ErrorCode.ASSET_PLACEMENT_NOT_FOUND, "no placement " + id + " in this space");
        }
        return Reply.noContent();
    }

    // ---- creators and audit (operators)

    private Reply creators(Call c) {
        operator(c);
        JsonArray out = new JsonArray();
        for (UserId u : repo.approvedCreators()) {
            users.findById(u).ifPresent(user -> out.add(new JsonObject().put("id", u.value().toString())
                    .put("username", user.username()).put("displayName", user.displayName())));
        }
        return Reply.ok(new JsonObject().put("creators", out));
    }

    private Reply approveCreator(Call c) {
        User op = operator(c);
        UserId target = userIdParam(c);
        if (!repo.approveCreator(target, op.id(), clock.instant())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no account " + target.value());
        }
        repo.audit(clock.instant(), op.id(), "creator.approve", "ok", target.value().toString(), "approved to create");
        return Reply.noContent();
    }

    private Reply revokeCreator(Call c) {
        User op = operator(c);
        UserId target = userIdParam(c);
        if (!repo.revokeCreator(target)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "account " + target.value() + " is not an approved creator");
        }
        repo.audit(clock.instant(), op.id(), "creator.revoke", "ok", target.value().toString(), "approval withdrawn");
        return Reply.noContent();
    }

    private Reply audit(Call c) {
        operator(c);
        long before = LedgerRoutes.longParam(c, "before", 0);
        int limit = c.queryInt("limit", 50);
        if (limit < 1 || limit > 500) {
            throw new ApiException(ErrorCode.QUERY_INVALID, "limit must be between 1 and 500, got " + limit);
        }
        JsonArray out = new JsonArray();
        for (AssetRepository.AuditEvent e : repo.audit(before, limit)) {
            out.add(new JsonObject().put("id", e.id()).put("at", e.at().toString())
                    .put("actor", e.actor() == null ? null : e.actor().value().toString())
                    .put("action", e.action()).put("outcome", e.outcome()).put("subject", e.subject())
                    .put("message", e.message()));
        }
        return Reply.ok(new JsonObject().put("events", out));
    }

    // ---- views

    private JsonObject assetView(AssetView v) {
        Map<AccountId, String> names = new HashMap<>();
        return new JsonObject()
                .put("id", v.id().toString())
                .put("contentHash", v.contentHash())
                .put("format", v.format().wireName())
                .put("mime", v.format().mime())
                .put("size", v.size())
                .put("title", v.title())
                .put("licence", v.licence())
                .put("creator", v.creator().toString())
                .put("creatorName", name(v.creator(), names))
                .put("editions", v.editions())
                .put("minted", v.minted())
                .put("burned", v.burned())
                .put("registeredAt", Instant.ofEpochMilli(v.registeredAt()).toString())
                .put("logIndex", v.logIndex())
                .put("fileUrl", "/api/assets/" + v.id() + "/file");
    }

    private static JsonObject editionJson(EditionView e) {
        return new JsonObject().put("asset", e.asset().toString()).put("edition", e.edition())
                .put("holder", e.holder().toString()).put("since", Instant.ofEpochMilli(e.acquiredAt()).toString())
                .put("lastLogIndex", e.lastLogIndex()).put("burned", e.burned());
    }

    /** The answer to mint, transfer and burn: the entry's log index and what it says. */
    private JsonObject entryJson(AssetLedger.Outcome.Appended a) {
        JsonObject o = event(a.entry(), a.index(), new HashMap<>());
        if (a.replayed()) {
            o.put("replayed", true);
        }
        return o;
    }

    private JsonObject event(LedgerEntry entry, long index, Map<AccountId, String> names) {
        JsonObject o = new JsonObject().put("kind", entry.kind()).put("asset", entry.asset().toString())
                .put("logIndex", index).put("at", Instant.ofEpochMilli(entry.at()).toString());
        switch (entry) {
            case LedgerEntry.Register r -> o.put("from", null).put("to", r.creator().toString())
                    .put("toName", name(r.creator(), names)).put("edition", null);
            case LedgerEntry.Mint m -> o.put("from", null).put("to", m.to().toString()).put("toName", name(m.to(), names))
                    .put("edition", m.first()).put("count", m.count());
            case LedgerEntry.Transfer t -> o.put("from", t.from().toString()).put("fromName", name(t.from(), names))
                    .put("to", t.to().toString()).put("toName", name(t.to(), names)).put("edition", t.edition())
                    .put("prev", t.prev());
            case LedgerEntry.Burn b -> o.put("from", b.from().toString()).put("fromName", name(b.from(), names))
                    .put("to", null).put("edition", b.edition()).put("prev", b.prev());
        }
        return o;
    }

    // ---- helpers

    private AssetLedger.Outcome.Appended appended(User user, AssetCommand command, Standing actor, Standing counterpart, String action,
            String requestId) {
        AssetLedger.Outcome outcome;
        try {
            outcome = ledger.assets().submit(command, actor, counterpart, requestId)
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.LEDGER_OVERLOADED, "the log did not answer within "
                    + WRITE_TIMEOUT.toSeconds() + " s; the request may still be appended — retrying with the same"
                    + " requestId answers its outcome", null, Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the log", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
        return switch (outcome) {
            case AssetLedger.Outcome.Refused r -> {
                repo.audit(clock.instant(), user.id(), action, r.code(), subject(command), r.message());
                ErrorCode code = ErrorCode.ofCode(r.code()).orElse(ErrorCode.FORBIDDEN);
                // A 429 says when to come back: the transfer limit resets when the day turns in China.
                Duration retry = code == ErrorCode.ASSET_TRANSFER_LIMIT ? untilNextDay() : null;
                throw new ApiException(code, r.message(), null, retry);
            }
            case AssetLedger.Outcome.Appended a -> a;
        };
    }

    private Duration untilNextDay() {
        java.time.ZonedDateTime now = clock.instant().atZone(java.time.ZoneOffset.ofHours(8));
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()));
    }

    private static String subject(AssetCommand command) {
        return command.asset().toString();
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof LogOverloadedException || cause instanceof LogClosedException) {
            return new ApiException(ErrorCode.LEDGER_OVERLOADED, cause.getMessage(), null, Duration.ofSeconds(1));
        }
        return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.LEDGER_OVERLOADED, "the log is busy; try again in a moment", null,
                    Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the log", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private Optional<AssetView> view(AssetId id) {
        return await(ledger.assets().read(book -> book.asset(id)));
    }

    private Standing standing(User user) {
        return ledger.identity().standing(user);
    }

    private static AccountId account(UserId id) {
        return new AccountId(id.value());
    }

    private ApiException refusedUpload(User user, ErrorCode code, String fileName, String message) {
        repo.audit(clock.instant(), user.id(), "asset.register", code.code(), fileName, message);
        return new ApiException(code, message, "file", null);
    }

    /** Guests cannot verify, create or hold assets: they have no lasting account. */
    private static User registered(Call c) {
        User user = c.session().user();
        if (user.role() == Role.GUEST) {
            throw new ApiException(ErrorCode.FORBIDDEN, "sign in with a registered account to hold digital assets");
        }
        return user;
    }

    private static User operator(Call c) {
        User user = c.session().user();
        if (!user.role().managesAllSpaces()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only operators and admins may do this");
        }
        return user;
    }

    private Optional<User> findUser(String ref) {
        try {
            return users.findById(new UserId(UUID.fromString(ref)));
        } catch (IllegalArgumentException notUuid) {
            return users.findCredentials(org.pujiang.server.auth.AuthService.usernameKey(ref))
                    .map(UserRepository.Credentials::user);
        }
    }

    private String name(AccountId id, Map<AccountId, String> cache) {
        return cache.computeIfAbsent(id, a -> users.findById(new UserId(a.value())).map(User::displayName)
                .orElse("(deleted account)"));
    }

    private static AssetId assetId(Call c) {
        return parseAsset(c.path("id"));
    }

    private static AssetId parseAsset(String raw) {
        try {
            return AssetId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.ASSET_NOT_FOUND, "no asset '" + raw + "'");
        }
    }

    private static ApiException notFound(AssetId id) {
        return new ApiException(ErrorCode.ASSET_NOT_FOUND, "no asset " + id);
    }

    private static SpaceId spaceId(Call c) {
        return ApiRoutes.spaceId(c);
    }

    private static UserId userIdParam(Call c) {
        try {
            return new UserId(UUID.fromString(c.path("user")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no account '" + c.path("user") + "'");
        }
    }

    private static String requestId(JsonObject b) {
        Object v = b.getValue("requestId");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty() || s.length() > REQUEST_ID_MAX) {
            throw ApiException.invalid("requestId", "requestId must be a string of 1 to " + REQUEST_ID_MAX
                    + " characters, unique per request");
        }
        return s;
    }

    private static String requestId(io.vertx.core.MultiMap form) {
        String v = form.get("requestId");
        if (v != null && (v.isEmpty() || v.length() > REQUEST_ID_MAX)) {
            throw ApiException.invalid("requestId", "requestId must be 1 to " + REQUEST_ID_MAX + " characters");
        }
        return v;
    }

    private static String formText(Call c, String name, int max, boolean required) {
        String v = c.formField(name);
        if (v == null || v.isBlank()) {
            if (required) {
                throw ApiException.missing(name);
            }
            return "";
        }
        String s = java.text.Normalizer.normalize(v.strip(), java.text.Normalizer.Form.NFC);
        if (s.codePointCount(0, s.length()) > max) {
            throw ApiException.invalid(name, name + " is at most " + max + " characters");
        }
        if (s.codePoints().anyMatch(cp -> Character.isISOControl(cp))) {
            throw ApiException.invalid(name, name + " must not contain control characters");
        }
        return s;
    }

    private static int formInt(Call c, String name, int min, int max) {
        String v = c.formField(name);
        if (v == null || v.isBlank()) {
            throw ApiException.missing(name);
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw ApiException.invalid(name, name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " must be a whole number, got '" + v + "'");
        }
    }
}
