package org.pujiang.server.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.pujiang.agent.behaviour.Language;
import org.pujiang.agent.kb.KbCsv;
import org.pujiang.agent.kb.KbEntry;
import org.pujiang.agent.kb.KbFormatException;
import org.pujiang.agent.kb.KbJson;
import org.pujiang.agent.kb.KnowledgeBase;
import org.pujiang.agent.retrieval.Retriever;
import org.pujiang.server.auth.Ids;
import org.pujiang.server.auth.User;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.error.Text;
import org.pujiang.server.space.SpaceService;
import org.pujiang.server.storage.AgentRepository;
import org.pujiang.server.storage.SpaceRepository.Page;
import org.pujiang.space.SpaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents (digital humans) and their knowledge bases: creating, changing and deleting them, importing and exporting
 * knowledge bases as versions, answering questions, and keeping the questions handed off to staff (docs/agents.md).
 *
 * <p>Access follows the agent's space: whoever may see the space may see and ask its agents; its owner, operators
 * and admins manage them. Callers who may not see the space get 404.
 *
 * <p>Threads: the management calls block on the database (call them from worker threads). {@link #ask} never
 * blocks its caller: it runs retrieval on a bounded pool ({@code agents.retrieval-threads}, queue
 * {@code agents.retrieval-queue}; beyond that it fails with {@code agent:overloaded}) over a {@link Retriever} kept
 * per agent for its current version, loaded and built on threads of its own the first time it is needed and again
 * after each import. Listeners ({@link #onChange}) are told on the thread that made the change, after it is stored.
 * Thread-safe.
 */
public final class AgentService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    public static final int NAME_MAX = 64;
    public static final int QUESTION_MAX = 500;
    public static final int LANGUAGES_MAX = 8;
    public static final int PERSONA_MAX_BYTES = 32 * 1024;
    public static final int PERSONA_TEXT_MAX = 1000;
    public static final int AGENTS_PER_SPACE_MAX = 16;
    /** Versions kept per agent; older ones are dropped on import. */
    public static final int KB_VERSIONS_KEPT = 50;
    public static final int HANDOFF_QUESTION_MAX = 2000;
    public static final List<String> DEFAULT_LANGUAGES = List.of("zh-CN", "en");

    /** Questions asked of all agents on this node, by outcome, and the time spent answering them; any thread. */
    public static final class Stats {
        public final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder handedOff = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder answerNanos = new java.util.concurrent.atomic.LongAdder();
    }

    private final Stats stats = new Stats();

    public Stats stats() {
        return stats;
    }
    /** The most an answer phraser may take before the retrieved answer is said as it is. */
    static final Duration PHRASE_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}");
    private static final Map<String, String> NOT_SURE = Map.of(
            "zh-CN", "这个问题我还不太确定，已经请工作人员来帮您，请稍等。",
            "en", "I'm not sure about that, so I've asked a member of staff to help you. Please wait a moment.");

    /** The knowledge base an agent answers from now, with its retriever (null when it has no entries). */
    private record Index(int version, KnowledgeBase kb, Retriever retriever) {}

    /** A new agent: the space it belongs to and its name; persona and languages are optional. */
    public record NewAgent(SpaceId space, String name, Optional<JsonObject> persona, Optional<List<String>> languages) {}

    /** A change to an agent; what is empty stays as it is. */
    public record Changes(Optional<SpaceId> space, Optional<String> name, Optional<JsonObject> persona,
            Optional<List<String>> languages) {}

    /** How a knowledge base is written. */
    public enum KbFormat { JSON, CSV }

    /** An agent with its current knowledge base (for welcome lines and hot questions). */
    public record AgentCard(Agent agent, KnowledgeBase kb) {}

    private final AgentRepository repo;
    private final SpaceService spaces;
    private final ServerConfig.Agents config;
    private final AnswerPhraser phraser;
    private final Clock clock;
    private final ThreadPoolExecutor retrieval;
    private final ExecutorService io;
    private final ExecutorService indexer;
    private final ConcurrentHashMap<AgentId, CompletableFuture<Index>> indexes = new ConcurrentHashMap<>();
    private final List<Consumer<AgentChange>> listeners = new CopyOnWriteArrayList<>();

    public AgentService(AgentRepository repo, SpaceService spaces, ServerConfig.Agents config, AnswerPhraser phraser,
            Clock clock) {
        this.repo = repo;
        this.spaces = spaces;
        this.config = config;
        this.phraser = phraser;
        this.clock = clock;
        this.retrieval = new ThreadPoolExecutor(config.retrievalThreads(), config.retrievalThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.retrievalQueue()), threads("agent-retrieval"),
                new ThreadPoolExecutor.AbortPolicy());
        // Loading a knowledge base and writing a handoff wait on the database; building an index takes CPU for a
        // while (seconds for 100 000 entries). Neither may hold up retrieval, nor each other.
        this.io = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(4096),
                threads("agent-io"), new ThreadPoolExecutor.AbortPolicy());
        this.indexer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads("agent-index"));
    }

    /** Tells {@code listener} of every change from now on (created, updated, deleted, new knowledge base). */
    public void onChange(Consumer<AgentChange> listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- agents

    public Agent create(User actor, NewAgent n) {
        spaces.manageable(actor, n.space());
        String name = Text.check("name", n.name(), 1, NAME_MAX, false);
        String persona = persona(n.persona().orElse(new JsonObject()));
        List<String> languages = languages(n.languages().orElse(DEFAULT_LANGUAGES));
        checkRoom(n.space());
        Instant now = now();
        Agent agent = new Agent(AgentId.newId(), n.space(), name, persona, languages, 0, 0, actor.id(), now, now);
        repo.insert(agent);
        log.info("agent {} '{}' created in space {} by {}", agent.id(), name, n.space(), actor.username());
        tell(new AgentChange.Created(agent));
        return agent;
    }

    /** The agent, when {@code actor} may see its space. */
    public Agent get(User actor, AgentId id) {
        Agent agent = repo.find(id).orElseThrow(() -> notFound(id));
        try {
            spaces.get(actor, agent.space());
        } catch (ApiException e) {
            if (e.error() == ErrorCode.SPACE_NOT_FOUND) {
                throw notFound(id);
            }
            throw e;
        }
        return agent;
    }

    /** The agent, when {@code actor} may manage its space (owner, operators, admins); else 403 or 404. */
    public Agent manageable(User actor, AgentId id) {
        Agent agent = get(actor, id);
        spaces.manageable(actor, agent.space());
        return agent;
    }

    /**
     * One space's agents (anyone who may see it), or without a space those of the spaces the caller owns (every
     * agent for operators and admins); oldest first.
     */
    public Page<Agent> list(User actor, Optional<SpaceId> space, int page, int size) {
        SpaceService.checkPage(page, size);
        if (space.isPresent()) {
            spaces.get(actor, space.get());
            return repo.list(new AgentRepository.ListQuery(space, Optional.empty(), page, size));
        }
        Optional<org.pujiang.server.auth.UserId> owner = actor.role().managesAllSpaces() ? Optional.empty()
                : Optional.of(actor.id());
        return repo.list(new AgentRepository.ListQuery(Optional.empty(), owner, page, size));
    }

    public Agent update(User actor, AgentId id, Changes c) {
        Agent before = manageable(actor, id);
        SpaceId space = before.space();
        if (c.space().isPresent() && !c.space().get().equals(before.space())) {
            spaces.manageable(actor, c.space().get());
            checkRoom(c.space().get());
            space = c.space().get();
        }
        String name = c.name().isPresent() ? Text.check("name", c.name().get(), 1, NAME_MAX, false) : before.name();
        String persona = c.persona().isPresent() ? persona(c.persona().get()) : before.persona();
        List<String> languages = c.languages().isPresent() ? languages(c.languages().get()) : before.languages();
        Agent after = new Agent(id, space, name, persona, languages, before.kbVersion(), before.kbEntries(),
                before.createdBy(), before.createdAt(), now());
        if (!repo.update(after)) {
            throw notFound(id);
        }
        tell(new AgentChange.Updated(before, after));
        return after;
    }

    public void delete(User actor, AgentId id) {
        Agent agent = manageable(actor, id);
        if (!repo.delete(id)) {
            throw notFound(id);
        }
        indexes.remove(id);
        log.info("agent {} '{}' deleted by {}", id, agent.name(), actor.username());
        tell(new AgentChange.Deleted(agent));
    }

    /** Every agent of a space, with no access check: for the live space that hosts them. Blocks on the database. */
    public List<Agent> listAgentsOfSpace(SpaceId space) {
        return repo.ofSpace(space);
    }

    /**
     * A space's agents with their current knowledge bases, for whoever may see the space (the client's quick
     * buttons). An agent whose knowledge base cannot be loaded right now is listed with an empty one.
     */
    public List<AgentCard> cards(User actor, SpaceId space) {
        spaces.get(actor, space);
        List<AgentCard> cards = new ArrayList<>();
        for (Agent a : repo.ofSpace(space)) {
            KnowledgeBase kb;
            try {
                kb = index(a.id()).get(10, TimeUnit.SECONDS).kb();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("the knowledge base of agent {} could not be loaded: {}", a.id(), e.toString());
                kb = empty();
            }
            cards.add(new AgentCard(a, kb));
        }
        return cards;
    }

    // ---------------------------------------------------------------- knowledge bases

    /**
     * Parses and stores a knowledge-base file as the agent's new version. A CSV file carries entries only: the
     * synonyms and welcome lines of the current version are kept, and those of its hot questions whose entries
     * are still there.
     *
     * @throws ApiException 422 {@code agent:kb.invalid} saying where (a JSON pointer or a CSV line) and why
     */
    public KbVersion importKb(User actor, AgentId id, KbFormat format, String text) {
        Agent agent = manageable(actor, id);
        KnowledgeBase kb;
        try {
            kb = format == KbFormat.JSON ? KbJson.parse(text) : KbCsv.parse(text);
        } catch (KbFormatException e) {
            throw new ApiException(ErrorCode.AGENT_KB_INVALID, e.getMessage());
        }
        if (format == KbFormat.CSV && agent.kbVersion() > 0) {
            KnowledgeBase current = stored(agent, agent.kbVersion());
            Set<String> ids = new HashSet<>();
            kb.entries().forEach(e -> ids.add(e.id()));
            kb = new KnowledgeBase(kb.entries(), current.synonyms(), current.welcome(),
                    current.hotQuestions().stream().filter(ids::contains).toList(), current.tour());
        }
        return store(agent, kb, format.name().toLowerCase(Locale.ROOT), actor);
    }

    /**
     * Stores a parsed knowledge base as the agent's new version (demo content uses this with source {@code demo}).
     */
    public KbVersion importKb(User actor, AgentId id, KnowledgeBase kb, String source) {
        return store(manageable(actor, id), kb, source, actor);
    }

    /** The current version, or {@code version}, as {@code format}. */
    public String exportKb(User actor, AgentId id, OptionalInt version, KbFormat format) {
        Agent agent = manageable(actor, id);
        int v = version.orElse(agent.kbVersion());
        if (v == 0) {
            throw new ApiException(ErrorCode.AGENT_KB_VERSION_NOT_FOUND, "agent " + id
                    + " has no knowledge base yet; import one with PUT /api/agents/" + id + "/kb");
        }
        String body = body(agent, v);
        return format == KbFormat.JSON ? body : KbCsv.write(parseStored(agent, v, body));
    }

    /** The stored versions, newest first (the newest is current). */
    public List<KbVersion> versions(User actor, AgentId id) {
        manageable(actor, id);
        return repo.kbVersions(id);
    }

    /** Makes an old version current again, as a new version. */
    public KbVersion rollback(User actor, AgentId id, int version) {
        Agent agent = manageable(actor, id);
        return store(agent, stored(agent, version), "rollback:" + version, actor);
    }

    /**
     * The agent's current knowledge base (empty before the first import), from the cache that answers questions.
     * Never blocks; fails with {@code agent:not-found} for an unknown agent.
     */
    public CompletableFuture<KnowledgeBase> knowledgeBase(AgentId id) {
        return index(id).thenApply(Index::kb);
    }

    private KbVersion store(Agent agent, KnowledgeBase kb, String source, User actor) {
        if (kb.entries().isEmpty()) {
            throw new ApiException(ErrorCode.AGENT_KB_INVALID, "the knowledge base has no entries");
        }
        Instant now = now();
        KbVersion v = repo.addKbVersion(agent.id(), KbJson.write(kb), kb.entries().size(), source, actor.id(), now,
                KB_VERSIONS_KEPT).orElseThrow(() -> notFound(agent.id()));
        // The next question loads what is current now; loading starts at once so that it is ready.
        indexes.remove(agent.id());
        index(agent.id());
        log.info("agent {}: knowledge base version {} ({} entries, {}) by {}", agent.id(), v.version(), v.entries(),
                source, actor.username());
        tell(new AgentChange.KnowledgeChanged(agent.withKb(v.version(), v.entries(), now)));
        return v;
    }

    private String body(Agent agent, int version) {
        return repo.kbBody(agent.id(), version).orElseThrow(() -> new ApiException(
                ErrorCode.AGENT_KB_VERSION_NOT_FOUND, "agent " + agent.id() + " has no knowledge-base version "
                + version + (agent.kbVersion() == 0 ? " (none yet)" : "; its current version is " + agent.kbVersion())));
    }

    private KnowledgeBase stored(Agent agent, int version) {
        return parseStored(agent, version, body(agent, version));
    }

    private static KnowledgeBase parseStored(Agent agent, int version, String body) {
        try {
            return KbJson.parse(body);
        } catch (KbFormatException e) {
            throw new IllegalStateException("stored knowledge base " + agent.id() + " v" + version
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- questions

    /**
     * Answers a question from the agent's current knowledge base, for a caller who may see its space. Blocks on the
     * database for the access check only.
     */
    public CompletableFuture<AskResult> ask(User actor, AgentId id, String text, String lang) {
        get(actor, id);
        return ask(id, text, lang);
    }

    /**
     * Answers a question from the agent's current knowledge base. Never blocks and never throws: every refusal is
     * a failed future with an {@link ApiException} ({@code agent:question.empty}, {@code agent:question.too-long},
     * {@code agent:question.refused}, {@code request:field.invalid} for a bad {@code lang}, {@code agent:not-found},
     * {@code agent:overloaded}). Completes on a retrieval thread, or on the phraser's.
     *
     * @param lang the language to answer in; null or blank: Chinese when the question has Han characters, else English
     */
    public CompletableFuture<AskResult> ask(AgentId id, String text, String lang) {
        String question;
        String language;
        try {
            question = question(text);
            language = language(lang, question);
        } catch (ApiException e) {
            stats.refused.increment();
            return CompletableFuture.failedFuture(e);
        }
        long started = System.nanoTime();
        return index(id).thenCompose(index -> retrieve(index, question, language)).whenComplete((r, e) -> {
            stats.answerNanos.add(System.nanoTime() - started);
            (e != null ? stats.failed : r.handoff() ? stats.handedOff : stats.answered).increment();
        });
    }

    private CompletableFuture<AskResult> retrieve(Index index, String question, String lang) {
        CompletableFuture<Retriever.Match> found = new CompletableFuture<>();
        try {
            retrieval.execute(() -> {
                try {
                    found.complete(index.retriever() == null ? null : index.retriever().ask(question));
                } catch (RuntimeException e) {
                    // A question retrieval cannot handle is one the agent is not sure of, not a failure the
                    // visitor sees; the log keeps the trace for whoever fixes it.
                    log.warn("retrieval failed on a question of {} characters; answering 'not sure'",
                            question.length(), e);
                    found.complete(null);
                } catch (Throwable t) {
                    found.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.AGENT_OVERLOADED,
                    "agents are answering too many questions; try again in a moment", null, Duration.ofSeconds(1)));
        }
        return found.thenCompose(match -> {
            if (match == null || match.confidence() < config.confidenceThreshold()) {
                String l = lang.startsWith("zh") ? "zh-CN" : "en";
                return CompletableFuture.completedFuture(new AskResult(NOT_SURE.get(l), null,
                        match == null ? 0 : match.confidence(), true, l, "shrug", null, null, index.version()));
            }
            KbEntry entry = match.entry();
            String fallback = entry.answer(lang);
            String fallbackLang = entry.answers().containsKey(lang) ? lang
                    : entry.answers().entrySet().stream().filter(e -> e.getValue().equals(fallback))
                            .map(Map.Entry::getKey).findFirst().orElse(lang);
            CompletableFuture<String> phrased;
            try {
                phrased = phraser.phrase(question, lang, List.of(match)).copy();
            } catch (RuntimeException e) {
                phrased = CompletableFuture.failedFuture(e);
            }
            String action = actionOf(entry);
            return phrased.completeOnTimeout(fallback, PHRASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((text, failure) -> {
                        if (failure != null) {
                            log.warn("phrasing an answer of agent entry {} failed; saying it as written: {}",
                                    entry.id(), failure.toString());
                        }
                        boolean own = failure == null && text != null && !text.isBlank() && !text.equals(fallback);
                        return new AskResult(own ? text.strip() : fallback, entry.id(), match.confidence(),
                                "handoff".equals(action), own ? Language.detect(text) : fallbackLang, entry.gesture(),
                                entry.link(), action, index.version());
                    });
        });
    }

    /** What an entry asks the agent to do: its tag {@code action:<name>}, or {@code handoff} for the tag handoff. */
    static String actionOf(KbEntry entry) {
        for (String tag : entry.tags()) {
            if (tag.startsWith("action:") && tag.length() > 7) {
                return tag.substring(7);
            }
        }
        return entry.tags().contains("handoff") ? "handoff" : null;
    }

    private static String question(String text) {
        if (text == null) {
            throw new ApiException(ErrorCode.AGENT_QUESTION_EMPTY, "the question is empty", "text", null);
        }
        // Control characters (a pasted line break, a stray NUL) are white space to a question.
        String q = Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\p{Cc}", " ").strip();
        if (q.isEmpty()) {
            throw new ApiException(ErrorCode.AGENT_QUESTION_EMPTY, "the question is empty", "text", null);
        }
        int length = q.codePointCount(0, q.length());
        if (length > QUESTION_MAX) {
            throw new ApiException(ErrorCode.AGENT_QUESTION_TOO_LONG, "the question has " + length
                    + " characters; at most " + QUESTION_MAX + " are answered", "text", null);
        }
        Optional<String> refused = PromptGuard.check(q);
        if (refused.isPresent()) {
            throw new ApiException(ErrorCode.AGENT_QUESTION_REFUSED, refused.get(), "text", null);
        }
        return q;
    }

    /** The language to answer in: {@code lang} with Chinese and English variants folded, else detected. */
    static String language(String lang, String question) {
        if (lang == null || lang.isBlank()) {
            return Language.detect(question);
        }
        String l = lang.strip();
        if (l.length() > 16 || !LANGUAGE.matcher(l).matches()) {
            throw ApiException.invalid("lang", "lang must be a language tag such as zh-CN or en, got '"
                    + (l.length() > 20 ? l.substring(0, 20) + "…" : l) + "'");
        }
        String lower = l.toLowerCase(Locale.ROOT).replace('_', '-');
        if (lower.equals("zh") || lower.startsWith("zh-")) {
            return "zh-CN";
        }
        if (lower.equals("en") || lower.startsWith("en-")) {
            return "en";
        }
        return lower;
    }

    // ---------------------------------------------------------------- handoffs

    /**
     * Stores a question handed to staff, on a thread of its own: callable from a space's tick thread.
     *
     * @param userId the asker's user id in the space
     */
    public CompletableFuture<Handoff> recordHandoff(AgentId agent, String userId, String displayName, String question) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                Agent a = repo.find(agent).orElseThrow(() -> notFound(agent));
                Handoff h = new Handoff(Ids.newId(), agent, a.space(), clip(userId, 64), clip(displayName, 256),
                        clip(question, HANDOFF_QUESTION_MAX), now(), null, null);
                if (!repo.insertHandoff(h)) {
                    throw notFound(agent);
                }
                return h;
            }, io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.AGENT_OVERLOADED,
                    "too many handoffs are waiting to be stored"));
        }
    }

    /** The agent's handoffs, newest first; only open ones with {@code openOnly}. Managers of its space only. */
    public Page<Handoff> handoffs(User actor, AgentId id, boolean openOnly, int page, int size) {
        SpaceService.checkPage(page, size);
        manageable(actor, id);
        return repo.handoffs(id, openOnly, page, size);
    }

    /** Marks a handoff resolved by {@code actor}; resolving it again changes nothing. */
    public Handoff resolveHandoff(User actor, AgentId id, UUID handoff) {
        manageable(actor, id);
        Handoff h = repo.findHandoff(id, handoff).orElseThrow(() -> handoffNotFound(id, handoff));
        if (h.open()) {
            repo.resolveHandoff(id, handoff, actor.id(), now());
        }
        return repo.findHandoff(id, handoff).orElseThrow(() -> handoffNotFound(id, handoff));
    }

    // ---------------------------------------------------------------- the cache of retrievers

    /**
     * The agent's current index: the cached one, or one being loaded. A load reads the database when it runs, so
     * after a new version is stored and the entry removed, the next load sees it. A failed load is forgotten.
     */
    private CompletableFuture<Index> index(AgentId id) {
        CompletableFuture<Index> cached = indexes.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            return indexes.computeIfAbsent(id, k -> {
                CompletableFuture<Index> f = CompletableFuture.supplyAsync(() -> load(k), io)
                        .thenApplyAsync(AgentService::build, indexer);
                f.whenComplete((index, e) -> {
                    if (e != null) {
                        indexes.remove(k, f);
                    }
                });
                return f;
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.AGENT_OVERLOADED,
                    "the agent's knowledge base is not loaded yet; try again in a moment"));
        }
    }

    private Index load(AgentId id) {
        Agent agent = repo.find(id).orElseThrow(() -> notFound(id));
        if (agent.kbVersion() == 0) {
            return new Index(0, empty(), null);
        }
        return new Index(agent.kbVersion(), stored(agent, agent.kbVersion()), null);
    }

    private static Index build(Index loaded) {
        if (loaded.kb().entries().isEmpty()) {
            return loaded;
        }
        long start = System.nanoTime();
        Retriever retriever = new Retriever(loaded.kb());
        log.debug("built a retriever of {} entries in {} ms", loaded.kb().entries().size(),
                (System.nanoTime() - start) / 1_000_000);
        return new Index(loaded.version(), loaded.kb(), retriever);
    }

    private static KnowledgeBase empty() {
        return new KnowledgeBase(List.of(), List.of(), Map.of(), List.of());
    }

    // ---------------------------------------------------------------- checks

    private void checkRoom(SpaceId space) {
        if (repo.countOfSpace(space) >= AGENTS_PER_SPACE_MAX) {
            throw new ApiException(ErrorCode.AGENT_SPACE_FULL, "the space has " + AGENTS_PER_SPACE_MAX
                    + " agents already, the most one space may have");
        }
    }

    /**
     * Checks the persona's known fields: {@code name}, {@code greeting} and {@code welcome} are a string or an
     * object of strings by language, {@code appearance} an object, {@code tour} an array. Others pass as they are.
     */
    static String persona(JsonObject p) {
        for (String key : List.of("name", "greeting", "welcome")) {
            Object v = p.getValue(key);
            int max = key.equals("name") ? NAME_MAX : PERSONA_TEXT_MAX;
            if (v == null) {
                continue;
            }
            if (v instanceof String s) {
                Text.check("persona." + key, s, 1, max, false);
            } else if (v instanceof JsonObject byLang && !byLang.isEmpty()) {
                for (String l : byLang.fieldNames()) {
                    if (!(byLang.getValue(l) instanceof String s)) {
                        throw ApiException.invalid("persona", "persona." + key + "." + l + " must be a string");
                    }
                    Text.check("persona." + key + "." + l, s, 1, max, false);
                }
            } else {
                throw ApiException.invalid("persona", "persona." + key
                        + " must be a string or an object of strings by language, such as {\"zh-CN\": \"…\", \"en\": \"…\"}");
            }
        }
        if (p.getValue("appearance") != null && !(p.getValue("appearance") instanceof JsonObject)) {
            throw ApiException.invalid("persona", "persona.appearance must be an object");
        }
        if (p.getValue("tour") != null && !(p.getValue("tour") instanceof JsonArray)) {
            throw ApiException.invalid("persona", "persona.tour must be an array of stops");
        }
        String text = p.encode();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PERSONA_MAX_BYTES) {
            throw ApiException.invalid("persona", "persona is " + bytes + " bytes as JSON; at most " + PERSONA_MAX_BYTES);
        }
        return text;
    }

    static List<String> languages(List<String> languages) {
        if (languages.isEmpty() || languages.size() > LANGUAGES_MAX) {
            throw ApiException.invalid("languages", "languages lists 1 to " + LANGUAGES_MAX + " language tags, got "
                    + languages.size());
        }
        List<String> out = new ArrayList<>();
        for (String l : languages) {
            String tag = l.strip();
            if (tag.length() > 16 || !LANGUAGE.matcher(tag).matches()) {
                throw ApiException.invalid("languages", "languages must be language tags such as zh-CN or en, got '"
                        + (tag.length() > 20 ? tag.substring(0, 20) + "…" : tag) + "'");
            }
            if (out.contains(tag)) {
                throw ApiException.invalid("languages", "languages lists " + tag + " twice");
            }
            out.add(tag);
        }
        return out;
    }

    private static ApiException notFound(AgentId id) {
        return new ApiException(ErrorCode.AGENT_NOT_FOUND, "no agent " + id + " that you may see");
    }

    private static ApiException handoffNotFound(AgentId agent, UUID id) {
        return new ApiException(ErrorCode.AGENT_HANDOFF_NOT_FOUND, "agent " + agent + " has no handoff " + id);
    }

    private void tell(AgentChange change) {
        for (Consumer<AgentChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.warn("an agent listener failed on {}: {}", change.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static String clip(String s, int max) {
        String v = s == null ? "" : s.strip();
        return v.length() <= max ? v : v.substring(0, max - 1) + "…";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "pujiang-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the threads; questions not answered yet fail. */
    @Override
    public void close() {
        retrieval.shutdownNow();
        io.shutdownNow();
        indexer.shutdownNow();
    }

    /** Unwraps what a future failed with, for callers that wait on one. */
    public static RuntimeException cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof RuntimeException r ? r : new IllegalStateException(c);
    }
}
