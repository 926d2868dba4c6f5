package org.pujiang.server.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.CosignatureVerifier;
import org.pujiang.ledger.checkpoint.FormatException;
import org.pujiang.ledger.checkpoint.NoteSignature;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.error.ErrorCode;
import org.pujiang.server.storage.LedgerRepository;
import org.pujiang.server.storage.LedgerRepository.StoredCheckpoint;
import org.pujiang.server.storage.LedgerRepository.StoredCosignature;

/**
 * The consortium: the witnesses whose cosignatures the log collects, and the quorum a checkpoint needs before it
 * is published as the log's latest. A witness fetches the log's newest signed checkpoint, checks it against the one
 * it cosigned before, and posts back its cosignature (C2SP tlog-cosignature); this class checks that signature
 * against the configured key and that the log really signed that checkpoint, and keeps it. Safe from any thread.
 */
public final class Witnesses {
    /** How far ahead of this server's clock a cosignature's time may be. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(10);

    private final LedgerRepository store;
    private final LogWriter writer;
    private final List<CosignatureVerifier> verifiers;
    private final int quorum;
    private final Clock clock;
    private final Object lock = new Object();
    /** The newest checkpoint with a quorum of cosignatures; guarded by lock. */
    private StoredCheckpoint published;

    public Witnesses(LedgerRepository store, LogWriter writer, List<String> witnessKeys, int quorum, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.quorum = quorum;
        this.clock = clock;
        List<CosignatureVerifier> parsed = new ArrayList<>();
        for (String vkey : witnessKeys) {
            try {
                parsed.add(CosignatureVerifier.parse(vkey));
            } catch (FormatException e) {
                throw new org.pujiang.server.config.ConfigException("ledger.witnesses: '" + vkey
                        + "' is not a cosignature verifier key: " + e.getMessage());
            }
        }
        this.verifiers = List.copyOf(parsed);
        if (quorum > 0) {
            for (StoredCheckpoint cp : store.recentCheckpoints(1000)) {
                if (known(store.cosignatures(cp.size())) >= quorum) {
                    published = cp;
                    break;
                }
            }
        }
    }

    public List<String> keys() {
        return verifiers.stream().map(CosignatureVerifier::vkey).toList();
    }

    public int quorum() {
        return quorum;
    }

    /** How many stored cosignatures are by a configured witness key (name and key id). */
    private long known(List<StoredCosignature> cosignatures) {
        return cosignatures.stream().filter(c -> {
            try {
                NoteSignature sig = NoteSignature.parseLine(c.line());
                return verifiers.stream().anyMatch(v -> sig.isBy(v.name(), v.keyId()));
            } catch (FormatException e) {
                return false;
            }
        }).count();
    }

    /**
     * The log's published checkpoint as a signed note: the log's signature and every cosignature it holds. With a
     * quorum of 0 it is the newest checkpoint the log signed.
     *
     * @throws ApiException 503 ledger:checkpoint.none before the first checkpoint (or the first one with a quorum)
     */
    public String published() {
        StoredCheckpoint cp;
        if (quorum == 0) {
            cp = writer.tail().checkpoint();
        } else {
            synchronized (lock) {
                cp = published;
            }
        }
        if (cp == null) {
            throw new ApiException(ErrorCode.LEDGER_NO_CHECKPOINT, quorum == 0
                    ? "the log has no checkpoint yet: nothing was appended"
                    : "no checkpoint has " + quorum + " witness cosignatures yet");
        }
        return withCosignatures(cp);
    }

    /** The newest checkpoint the log signed, with the cosignatures it has so far (what witnesses fetch). */
    public String newestSigned() {
        StoredCheckpoint cp = writer.tail().checkpoint();
        if (cp == null) {
            throw new ApiException(ErrorCode.LEDGER_NO_CHECKPOINT, "the log has no checkpoint yet: nothing was appended");
        }
        return withCosignatures(cp);
    }

    private String withCosignatures(StoredCheckpoint cp) {
        StringBuilder note = new StringBuilder(cp.note());
        for (StoredCosignature c : store.cosignatures(cp.size())) {
            note.append(c.line()).append('\n');
        }
        return note.toString();
    }

    /**
     * Takes a witness's cosignature: a signed note whose body is a checkpoint the log signed and whose signature
     * lines include the witness's cosignature.
     *
     * @return the number of cosignatures that checkpoint now has
     */
    public int accept(String text) {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(text);
            checkpoint = Checkpoint.parse(note.body());
        } catch (FormatException e) {
            throw new ApiException(ErrorCode.LEDGER_COSIGNATURE_INVALID, "not a cosigned checkpoint: " + e.getMessage());
        }
        StoredCheckpoint signed = store.checkpoint(checkpoint.size()).orElseThrow(() -> new ApiException(
                ErrorCode.LEDGER_CHECKPOINT_UNKNOWN, "the log never signed a checkpoint of size " + checkpoint.size()));
        if (!checkpoint.origin().equals(writer.origin()) || !Arrays.equals(signed.root(), checkpoint.root())) {
            throw new ApiException(ErrorCode.LEDGER_CHECKPOINT_UNKNOWN, "the log signed a different checkpoint of size "
                    + checkpoint.size() + " (origin or root differ)");
        }
        int accepted = 0;
        Instant now = clock.instant();
        for (NoteSignature sig : note.signatures()) {
            Optional<CosignatureVerifier> v = verifiers.stream()
                    .filter(x -> x.name().equals(sig.name()) && Arrays.equals(x.keyId(), sig.keyId())).findFirst();
            if (v.isEmpty()) {
                continue; // the log's own signature, or a key we do not know
            }
            OptionalLong at = v.get().verify(checkpoint, sig);
            if (at.isEmpty()) {
                throw new ApiException(ErrorCode.LEDGER_COSIGNATURE_INVALID, "the cosignature of " + sig.name()
                        + " does not verify for this checkpoint");
            }
            if (Instant.ofEpochSecond(at.getAsLong()).isAfter(now.plus(CLOCK_SKEW))) {
                throw new ApiException(ErrorCode.LEDGER_COSIGNATURE_INVALID, "the cosignature of " + sig.name()
                        + " is dated " + Instant.ofEpochSecond(at.getAsLong()) + ", in the future; check the witness's"
                        + " clock");
            }
            store.saveCosignature(new StoredCosignature(checkpoint.size(), sig.name(), sig.line(),
                    Instant.ofEpochSecond(at.getAsLong())), now);
            accepted++;
        }
        if (accepted == 0) {
            throw new ApiException(ErrorCode.LEDGER_WITNESS_UNKNOWN,
                    "the note carries no cosignature by a witness this log knows (ledger.witnesses)");
        }
        int count = (int) known(store.cosignatures(checkpoint.size()));
        if (quorum > 0 && count >= quorum) {
            synchronized (lock) {
                if (published == null || published.size() < signed.size()) {
                    published = signed;
                }
            }
        }
        return count;
    }
}
