package org.pujiang.ledger.asset;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of every asset and edition, as the log's entries leave it, and the policy that decides new entries.
 * {@link #decide} changes nothing; {@link #apply} changes the state by an entry that is in the log (or is about to
 * be, in the same batch). Deterministic: time comes in as an argument.
 *
 * <p>Owned by one thread, the log writer; not thread-safe.
 */
public final class AssetBook {
    /** Days for the transfer limit are calendar days in China Standard Time (UTC+8, no daylight saving). */
    static final ZoneOffset DAY_ZONE = ZoneOffset.ofHours(8);
    private static final long DAY_MS = 86_400_000L;
    private static final long DAY_SHIFT_MS = 8 * 3_600_000L;

    private record EditionKey(AssetId asset, int edition) {}

    private static final class Asset {
        final LedgerEntry.Register entry;
        final long logIndex;
        int minted;
        int burned;

        Asset(LedgerEntry.Register entry, long logIndex) {
            this.entry = entry;
            this.logIndex = logIndex;
        }
    }

    private static final class Edition {
        AccountId holder;
        long acquiredAt;
        long lastLogIndex;
        boolean burned;
    }

    /** Outgoing transfers of one account on one day. */
    private static final class DayCount {
        long day;
        int count;
    }

    private final AssetPolicy policy;
    private final Map<AssetId, Asset> assets = new HashMap<>();
    private final Set<String> contentHashes = new HashSet<>();
    private final Map<EditionKey, Edition> editions = new HashMap<>();
    private final Map<AccountId, Set<EditionKey>> holdings = new HashMap<>();
    private final Map<AccountId, DayCount> transfersToday = new HashMap<>();

    public AssetBook(AssetPolicy policy) {
        this.policy = policy;
    }

    public AssetPolicy policy() {
        return policy;
    }

    /**
     * Decides a command against the current state.
     *
     * @param counterpart the recipient's standing for a transfer; null otherwise
     */
    public Decision decide(AssetCommand command, Standing actor, Standing counterpart, Instant now) {
        long at = now.toEpochMilli();
        return switch (command) {
            case AssetCommand.Register r -> register(r, actor, at);
            case AssetCommand.Mint m -> mint(m, actor, at);
            case AssetCommand.Transfer t -> transfer(t, actor, counterpart, at);
            case AssetCommand.Burn b -> burn(b, actor, at);
        };
    }

    private Decision register(AssetCommand.Register r, Standing actor, long at) {
        Decision.Refused identity = holderRefusal(actor, "you");
        if (identity != null) {
            return identity;
        }
        if (policy.approvedCreatorsOnly() && !actor.approvedCreator() && !actor.operator()) {
            return refused("asset:creator.not-approved", "only creators an operator approved may register assets");
        }
        if (r.editions() < 1 || r.editions() > policy.maxEditions()) {
            return refused("asset:editions.exhausted", "an asset has 1 to " + policy.maxEditions() + " editions, not "
                    + r.editions());
        }
        if (assets.containsKey(r.asset())) {
            return refused("asset:exists", "asset " + r.asset() + " exists");
        }
        if (contentHashes.contains(r.contentHash())) {
            return refused("asset:exists", "a file with the same content (" + r.contentHash() + ") is registered");
        }
        return new Decision.Allowed(new LedgerEntry.Register(r.asset(), r.contentHash(), r.format(), r.size(), r.title(),
                actor.id(), r.licence(), r.editions(), at));
    }

    private Decision mint(AssetCommand.Mint m, Standing actor, long at) {
        Asset a = assets.get(m.asset());
        if (a == null) {
            return refused("asset:not-found", "no asset " + m.asset());
        }
        if (!a.entry.creator().equals(actor.id())) {
            return refused("asset:not-creator", "only the creator of an asset mints its editions");
        }
        Decision.Refused identity = holderRefusal(actor, "you");
        if (identity != null) {
            return identity;
        }
        int remaining = a.entry.editions() - a.minted;
        if (remaining == 0) {
            return refused("asset:editions.exhausted", "all " + a.entry.editions() + " editions are minted");
        }
        int count = m.count() == 0 ? remaining : m.count();
        if (count < 0 || count > remaining) {
            return refused("asset:editions.exhausted", "only " + remaining + " of " + a.entry.editions()
                    + " editions remain; cannot mint " + count);
        }
        return new Decision.Allowed(new LedgerEntry.Mint(m.asset(), a.minted + 1, count, actor.id(), at));
    }

    private Decision transfer(AssetCommand.Transfer t, Standing actor, Standing to, long at) {
        Object found = held(t.asset(), t.edition(), actor);
        if (found instanceof Decision.Refused r) {
            return r;
        }
        Edition e = (Edition) found;
        if (to == null || to.id().equals(actor.id())) {
            return refused("asset:self-transfer", "you already hold edition " + t.edition());
        }
        Decision.Refused recipient = holderRefusal(to, "the recipient");
        if (recipient != null) {
            return recipient;
        }
        long free = e.acquiredAt + policy.minHolding().toMillis();
        if (at < free) {
            return refused("asset:holding-period", "edition " + t.edition() + " may be given on from "
                    + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(free)) + " (held since "
                    + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(e.acquiredAt)) + "; the minimum holding"
                    + " period is " + policy.minHolding().toDays() + " days)");
        }
        DayCount today = transfersToday.get(actor.id());
        if (today != null && today.day == day(at) && today.count >= policy.maxTransfersPerDay()) {
            return refused("asset:transfer-limit", "you gave " + today.count + " editions today; the limit is "
                    + policy.maxTransfersPerDay() + " a day (the day turns at midnight China time, "
                    + LocalDateTime.ofEpochSecond((day(at) + 1) * 86_400, 0, ZoneOffset.UTC) + " UTC+8)");
        }
        return new Decision.Allowed(new LedgerEntry.Transfer(t.asset(), t.edition(), actor.id(), to.id(),
                e.lastLogIndex, at));
    }

    private Decision burn(AssetCommand.Burn b, Standing actor, long at) {
        Object found = held(b.asset(), b.edition(), actor);
        if (found instanceof Decision.Refused r) {
            return r;
        }
        return new Decision.Allowed(new LedgerEntry.Burn(b.asset(), b.edition(), actor.id(),
                ((Edition) found).lastLogIndex, at));
    }

    /** The edition if {@code actor} holds it, else the refusal. */
    private Object held(AssetId asset, int edition, Standing actor) {
        Asset a = assets.get(asset);
        if (a == null) {
            return refused("asset:not-found", "no asset " + asset);
        }
        Edition e = editions.get(new EditionKey(asset, edition));
        if (e == null) {
            return refused("asset:edition.not-found", "asset " + asset + " has no edition " + edition + " (minted: "
                    + a.minted + ")");
        }
        if (e.burned) {
            return refused("asset:edition.burned", "edition " + edition + " was burned");
        }
        if (!e.holder.equals(actor.id())) {
            return refused("asset:not-holder", "you do not hold edition " + edition + " of " + asset);
        }
        return e;
    }

    /** Why an account may not hold assets under the policy, or null. */
    private Decision.Refused holderRefusal(Standing s, String who) {
        if (!policy.realNameRequired() || s.operator()) {
            return null;
        }
        if (!s.verified()) {
            return refused("asset:identity.unverified", who + " must verify a real name before holding digital assets");
        }
        if (!s.adult()) {
            return refused("asset:identity.minor", "digital collectibles are held by adults (" + policy.adultAge()
                    + " or older) only");
        }
        return null;
    }

    private static Decision.Refused refused(String code, String message) {
        return new Decision.Refused(code, message);
    }

    private static long day(long epochMs) {
        return Math.floorDiv(epochMs + DAY_SHIFT_MS, DAY_MS);
    }

    /** Applies an entry at {@code logIndex}; entries come in log order. */
    public void apply(LedgerEntry entry, long logIndex) {
        switch (entry) {
            case LedgerEntry.Register r -> {
                assets.put(r.asset(), new Asset(r, logIndex));
                contentHashes.add(r.contentHash());
            }
            case LedgerEntry.Mint m -> {
                Asset a = require(m.asset(), logIndex);
                for (int n = m.first(); n < m.first() + m.count(); n++) {
                    Edition e = new Edition();
                    e.holder = m.to();
                    e.acquiredAt = m.at();
                    e.lastLogIndex = logIndex;
                    EditionKey key = new EditionKey(m.asset(), n);
                    editions.put(key, e);
                    holdings.computeIfAbsent(m.to(), x -> new LinkedHashSet<>()).add(key);
                }
                a.minted = Math.max(a.minted, m.first() + m.count() - 1);
            }
            case LedgerEntry.Transfer t -> {
                EditionKey key = new EditionKey(t.asset(), t.edition());
                Edition e = requireEdition(key, logIndex);
                holdings.getOrDefault(e.holder, Set.of()).remove(key);
                e.holder = t.to();
                e.acquiredAt = t.at();
                e.lastLogIndex = logIndex;
                holdings.computeIfAbsent(t.to(), x -> new LinkedHashSet<>()).add(key);
                DayCount c = transfersToday.computeIfAbsent(t.from(), x -> new DayCount());
                long d = day(t.at());
                if (c.day != d) {
                    c.day = d;
                    c.count = 0;
                }
                c.count++;
            }
            case LedgerEntry.Burn b -> {
                EditionKey key = new EditionKey(b.asset(), b.edition());
                Edition e = requireEdition(key, logIndex);
                holdings.getOrDefault(e.holder, Set.of()).remove(key);
                e.burned = true;
                e.lastLogIndex = logIndex;
                require(b.asset(), logIndex).burned++;
            }
        }
    }

    private Asset require(AssetId id, long logIndex) {
        Asset a = assets.get(id);
        if (a == null) {
            throw new IllegalStateException("log entry " + logIndex + " names asset " + id + ", which is not registered");
        }
        return a;
    }

    private Edition requireEdition(EditionKey key, long logIndex) {
        Edition e = editions.get(key);
        if (e == null) {
            throw new IllegalStateException("log entry " + logIndex + " names edition " + key.edition() + " of "
                    + key.asset() + ", which was never minted");
        }
        return e;
    }

    // ---- read side

    public Optional<AssetView> asset(AssetId id) {
        Asset a = assets.get(id);
        if (a == null) {
            return Optional.empty();
        }
        LedgerEntry.Register r = a.entry;
        return Optional.of(new AssetView(id, r.contentHash(), r.format(), r.size(), r.title(), r.creator(), r.licence(),
                r.editions(), a.minted, a.burned, r.at(), a.logIndex));
    }

    public Optional<EditionView> edition(AssetId asset, int edition) {
        Edition e = editions.get(new EditionKey(asset, edition));
        return e == null ? Optional.empty()
                : Optional.of(new EditionView(asset, edition, e.holder, e.acquiredAt, e.lastLogIndex, e.burned));
    }

    /** The editions an account holds now, in the order it got them. */
    public List<EditionView> holdings(AccountId account) {
        List<EditionView> out = new ArrayList<>();
        for (EditionKey k : holdings.getOrDefault(account, Set.of())) {
            edition(k.asset(), k.edition()).ifPresent(out::add);
        }
        return out;
    }

    /** Every registered asset, in no particular order. */
    public List<AssetView> assets() {
        List<AssetView> out = new ArrayList<>(assets.size());
        for (AssetId id : assets.keySet()) {
            asset(id).ifPresent(out::add);
        }
        return out;
    }
}
