package org.pujiang.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.pujiang.ledger.asset.EntryFormatException;
import org.pujiang.ledger.asset.LedgerEntry;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.CosignatureVerifier;
import org.pujiang.ledger.checkpoint.FormatException;
import org.pujiang.ledger.checkpoint.NoteSignature;
import org.pujiang.ledger.checkpoint.NoteVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.tree.CompactRange;
import org.pujiang.ledger.tree.Hashes;
import org.pujiang.ledger.tree.ProofException;
import org.pujiang.ledger.tree.Verification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pujiang log}: client-side checks of a Pujiang transparency log. */
@Command(name = "log", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Check a Pujiang transparency log from the outside, trusting nothing but its public key.",
        subcommands = {LogCommand.Verify.class, CommandLine.HelpCommand.class})
final class LogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code pujiang log verify}: audits a log from scratch with nothing but its public key (and the witnesses'):
     * the published checkpoint's signature and cosignature quorum, consistency with the checkpoint verified last time
     * (RFC 9162 §2.1.4.2), inclusion of chosen entries (§2.1.3.2), and with {@code --full} the whole tree recomputed
     * from every entry. One line per check; exit 0 when all pass, 1 when one fails, 2 for bad options or when the log
     * cannot be asked.
     *
     * <p>Runs on the picocli thread; {@code --full} keeps up to {@code --parallel} page requests in flight on the
     * HTTP client's threads but hashes the entries on the calling thread, in log order.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Verify a log: the checkpoint's signature, the witnesses' cosignatures, consistency with "
                    + "the last verified checkpoint (--state), inclusion of entries (--entry) and the whole tree "
                    + "(--full). Exit codes: 0 all checks pass, 1 a check failed, 2 bad options, network or "
                    + "server error.")
    static final class Verify implements Callable<Integer> {
        /** Entries per page: the server's maximum for GET /api/log/entries. */
        static final int PAGE = 1000;
        private static final List<String> KIND_ORDER = List.of("register", "mint", "transfer", "burn");

        @Spec
        CommandSpec spec;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "The log server's base URL.")
        URI url;

        @Option(names = "--key", required = true, paramLabel = "LOGVKEY",
                description = "The log's public key (vkey) as its operator publishes it.")
        String key;

        @Option(names = "--witness", paramLabel = "VKEY",
                description = "A witness's cosignature key (repeat for each). Counted towards --quorum.")
        List<String> witnesses = new ArrayList<>();

        @Option(names = "--quorum", paramLabel = "K",
                description = "How many of the --witness keys must have cosigned. Default: all of them.")
        Integer quorum;

        @Option(names = "--state", paramLabel = "FILE",
                description = "The checkpoint verified last time: the new one must be consistent with it; saved "
                        + "after all checks pass.")
        Path state;

        @Option(names = "--entry", paramLabel = "N", description = "Check that entry N is in the log (repeatable).")
        List<Long> entries = new ArrayList<>();

        @Option(names = "--full", description = "Download every entry, recompute the tree's root and decode each.")
        boolean full;

        @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
                description = "Concurrent page requests with --full. Default: ${DEFAULT-VALUE}.")
        int parallel;

        private PrintWriter out;
        private LogClient client;
        private int failures;

        private static final class Usage extends Exception {
            Usage(String message) {
                super(message, null, false, false);
            }
        }

        @Override
        public Integer call() throws InterruptedException {
            out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            NoteVerifier logKey;
            List<CosignatureVerifier> witnessKeys = new ArrayList<>();
            int need;
            try {
                logKey = parseLogKey(key);
                for (String w : witnesses) {
                    try {
                        witnessKeys.add(CosignatureVerifier.parse(w.strip()));
                    } catch (FormatException e) {
                        throw new Usage("--witness " + LogClient.abbreviate(w, 60) + " is not a witness key: "
                                + e.getMessage());
                    }
                }
                need = quorum == null ? witnessKeys.size() : quorum;
                if (need < 0 || need > witnessKeys.size()) {
                    throw new Usage("--quorum must be between 0 and the number of --witness keys ("
                            + witnessKeys.size() + "), got " + need);
                }
                if (parallel < 1 || parallel > 64) {
                    throw new Usage("--parallel must be between 1 and 64, got " + parallel);
                }
                for (long n : entries) {
                    if (n < 0) {
                        throw new Usage("--entry must be 0 or more, got " + n);
                    }
                }
                if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
                    throw new Usage("--url must be an http:// or https:// URL, got " + url);
                }
            } catch (Usage e) {
                err.println("pujiang log verify: " + e.getMessage());
                err.flush();
                return LogClient.TROUBLE;
            }
            client = new LogClient(url);
            try {
                verify(logKey, witnessKeys, need);
            } catch (LogClient.Trouble e) {
                out.flush();
                err.println("pujiang log verify: " + e.getMessage());
                err.flush();
                // a failed check already found is the bigger news
                return failures > 0 ? LogClient.FAILED : LogClient.TROUBLE;
            }
            out.println(failures == 0 ? "verified" : "FAILED: " + failures + " check" + (failures == 1 ? "" : "s")
                    + " did not pass");
            out.flush();
            return failures == 0 ? LogClient.OK : LogClient.FAILED;
        }

        private void verify(NoteVerifier logKey, List<CosignatureVerifier> witnessKeys, int need)
                throws LogClient.Trouble, InterruptedException {
            String text = client.text("/api/log/checkpoint");
            SignedNote note;
            Checkpoint cp;
            try {
                note = SignedNote.parse(text);
                cp = Checkpoint.parse(note.body());
            } catch (FormatException e) {
                throw new LogClient.Trouble("the published checkpoint is not a signed checkpoint note: "
                        + e.getMessage());
            }
            say("checkpoint: " + cp.origin() + ", size " + cp.size() + ", root " + WitnessCommand.hex(cp.root()));

            // The signature first: nothing else in the note means anything without it.
            String keyLabel = WitnessCommand.keyLabel(logKey.name(), logKey.keyId());
            if (!cp.origin().equals(logKey.name())) {
                fail("signature: FAILED — the checkpoint is for origin '" + cp.origin() + "' but --key is for '"
                        + logKey.name() + "'");
                return;
            }
            if (!note.verifiedBy(logKey)) {
                fail("signature: FAILED — no valid signature by " + keyLabel + " (the note is signed by: "
                        + note.signatures().stream().map(s -> WitnessCommand.keyLabel(s.name(), s.keyId()))
                                .collect(Collectors.joining(", ")) + ")");
                return;
            }
            say("signature: ok (key " + keyLabel + ")");

            cosignatures(note, cp, witnessKeys, need);
            Checkpoint previous = consistency(cp);
            for (long n : entries) {
                inclusion(n, cp);
            }
            if (full) {
                full(cp);
            }
            if (state != null && failures == 0 && (previous == null || !previous.equals(cp))) {
                try {
                    StateFiles.writeAtomically(state, cp.body());
                } catch (IOException e) {
                    throw new LogClient.Trouble("all checks passed but the state " + state + " cannot be saved: "
                            + e.getMessage());
                }
                say("state: saved size " + cp.size() + " to " + state);
            }
        }

        private void cosignatures(SignedNote note, Checkpoint cp, List<CosignatureVerifier> witnessKeys, int need) {
            if (witnessKeys.isEmpty()) {
                say("cosignatures: not checked (give --witness keys to require a quorum)");
                return;
            }
            int valid = 0;
            List<String> missing = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            for (CosignatureVerifier w : witnessKeys) {
                boolean present = false;
                boolean ok = false;
                for (NoteSignature s : note.signatures()) {
                    if (s.isBy(w.name(), w.keyId())) {
                        present = true;
                        ok |= w.verify(cp, s).isPresent();
                    }
                }
                String label = WitnessCommand.keyLabel(w.name(), w.keyId());
                if (ok) {
                    valid++;
                } else if (present) {
                    bad.add(label);
                } else {
                    missing.add(label);
                }
            }
            String figure = "cosignatures: " + valid + " of " + witnessKeys.size() + " (quorum " + need + ")";
            String detail = (missing.isEmpty() ? "" : "; none by " + String.join(", ", missing))
                    + (bad.isEmpty() ? "" : "; invalid by " + String.join(", ", bad));
            if (valid >= need) {
                say(figure + ": ok" + detail);
            } else {
                fail(figure + ": FAILED" + detail);
            }
        }

        /** @return the checkpoint saved in --state, if any */
        private Checkpoint consistency(Checkpoint cp) throws LogClient.Trouble, InterruptedException {
            if (state == null) {
                return null;
            }
            Checkpoint previous;
            try {
                previous = Checkpoint.parse(Files.readString(state, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                say("consistency: no saved state in " + state + "; this checkpoint (size " + cp.size()
                        + ") becomes the start");
                return null;
            } catch (IOException | FormatException e) {
                throw new LogClient.Trouble("the state file " + state + " cannot be read as a checkpoint: "
                        + e.getMessage());
            }
            if (!previous.origin().equals(cp.origin())) {
                throw new LogClient.Trouble("the state file " + state + " is for log '" + previous.origin()
                        + "', not '" + cp.origin() + "'");
            }
            String what = "consistency " + previous.size() + " → " + cp.size();
            if (cp.size() < previous.size()) {
                fail(what + ": FAILED — the log shrank: verified " + previous.size() + " entries before, now "
                        + cp.size());
            } else if (cp.size() == previous.size()) {
                if (previous.equals(cp)) {
                    say(what + ": ok (unchanged)");
                } else {
                    fail(what + ": FAILED — a second root for size " + cp.size() + ": verified "
                            + WitnessCommand.hex(previous.root()) + ", now " + WitnessCommand.hex(cp.root())
                            + " (the log is forked)");
                }
            } else if (previous.size() == 0) {
                say(what + ": ok (from the empty tree)");
            } else {
                JsonNode proof = client.json("/api/log/proof/consistency?from=" + previous.size() + "&to=" + cp.size());
                try {
                    Verification.consistency(previous.size(), cp.size(), previous.root(), cp.root(),
                            LogClient.hashes(proof, "consistency proof"));
                    say(what + ": ok");
                } catch (ProofException e) {
                    fail(what + ": FAILED — " + e.getMessage() + " (the log is forked or rewrote its history)");
                }
            }
            return previous;
        }

        private void inclusion(long n, Checkpoint cp) throws LogClient.Trouble, InterruptedException {
            String what = "inclusion of " + n;
            if (n >= cp.size()) {
                throw new LogClient.Trouble(what + ": the checkpoint covers entries 0 to " + (cp.size() - 1)
                        + " only; try again once a newer checkpoint is published");
            }
            JsonNode page = client.json("/api/log/entries?start=" + n + "&end=" + (n + 1));
            JsonNode first = page.path("entries").path(0);
            if (first.path("index").asLong(-1) != n) {
                throw new LogClient.Trouble("the server did not return entry " + n + " for /api/log/entries?start="
                        + n);
            }
            byte[] data = LogClient.base64(first.path("data"), "entry " + n);
            JsonNode proof = client.json("/api/log/proof/inclusion?index=" + n + "&size=" + cp.size());
            try {
                Verification.inclusion(n, cp.size(), Hashes.leaf(data), LogClient.hashes(proof, "inclusion proof"),
                        cp.root());
            } catch (ProofException e) {
                fail(what + ": FAILED — " + e.getMessage() + " (the entry served is not the one in the tree of size "
                        + cp.size() + ")");
                return;
            }
            try {
                LedgerEntry entry = LedgerEntry.decode(data);
                say(what + ": ok (" + entry.kind() + ")");
            } catch (EntryFormatException e) {
                fail(what + ": FAILED — the entry is in the tree but is not a ledger entry: " + e.getMessage());
            }
        }

        /** A page request in flight. */
        private record Pending(long start, long end, CompletableFuture<JsonNode> answer) {}

        private void full(Checkpoint cp) throws LogClient.Trouble, InterruptedException {
            long began = System.nanoTime();
            long size = cp.size();
            CompactRange range = CompactRange.empty();
            Map<String, Long> kinds = new LinkedHashMap<>();
            List<String> undecodable = new ArrayList<>();
            long undecodableCount = 0;
            ArrayDeque<Pending> window = new ArrayDeque<>();
            long next = 0;
            while (next < size && window.size() < parallel) {
                window.add(request(next, Math.min(size, next + PAGE)));
                next = window.getLast().end();
            }
            while (!window.isEmpty()) {
                Pending p = window.poll();
                long at = p.start();
                JsonNode page = await(p.answer());
                while (true) {
                    for (JsonNode e : page.path("entries")) {
                        if (at >= p.end()) {
                            break;
                        }
                        if (e.path("index").asLong(-1) != at) {
                            throw new LogClient.Trouble("the server returned entry " + e.path("index").asText("?")
                                    + " where entry " + at + " belonged");
                        }
                        byte[] data = LogClient.base64(e.path("data"), "entry " + at);
                        range.append(Hashes.leaf(data));
                        try {
                            kinds.merge(LedgerEntry.decode(data).kind(), 1L, Long::sum);
                        } catch (EntryFormatException x) {
                            if (undecodable.size() < 3) {
                                undecodable.add(at + " (" + x.getMessage() + ")");
                            }
                            undecodableCount++;
                        }
                        at++;
                    }
                    if (at >= p.end()) {
                        break;
                    }
                    // A short page (a server with a smaller page limit): fetch the rest before going on, in order.
                    if (page.path("entries").isEmpty()) {
                        throw new LogClient.Trouble("the server returned no entries from " + at + " although the "
                                + "checkpoint covers " + size);
                    }
                    page = client.json("/api/log/entries?start=" + at + "&end=" + p.end());
                }
                if (next < size) {
                    window.add(request(next, Math.min(size, next + PAGE)));
                    next = window.getLast().end();
                }
            }
            String seconds = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - began) / 1e9);
            byte[] computed = range.root();
            String kindText = kinds(kinds);
            if (!java.security.MessageDigest.isEqual(computed, cp.root())) {
                fail("full: " + size + " entries, root MISMATCH — the checkpoint says "
                        + WitnessCommand.hex(cp.root()) + ", the entries give " + WitnessCommand.hex(computed)
                        + "; kinds " + kindText + ", " + seconds);
            } else if (undecodableCount > 0) {
                fail("full: " + size + " entries, root matches, but " + undecodableCount + " do not decode as ledger "
                        + "entries: " + String.join(", ", undecodable) + (undecodableCount > undecodable.size()
                        ? ", …" : "") + "; " + seconds);
            } else {
                say("full: " + size + " entries, root matches, kinds " + kindText + ", " + seconds);
            }
        }

        private Pending request(long start, long end) {
            return new Pending(start, end, client.jsonAsync("/api/log/entries?start=" + start + "&end=" + end));
        }

        private static JsonNode await(CompletableFuture<JsonNode> f) throws LogClient.Trouble, InterruptedException {
            try {
                return f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : e.getCause();
                if (cause instanceof LogClient.Trouble t) {
                    throw t;
                }
                throw new LogClient.Trouble("fetching entries failed: " + cause);
            }
        }

        /** Kinds in the log's natural order (register, mint, transfer, burn), then any other. */
        private static String kinds(Map<String, Long> counts) {
            Map<String, Long> ordered = new LinkedHashMap<>();
            for (String k : KIND_ORDER) {
                if (counts.containsKey(k)) {
                    ordered.put(k, counts.get(k));
                }
            }
            counts.forEach(ordered::putIfAbsent);
            return ordered.toString();
        }

        private static NoteVerifier parseLogKey(String vkey) throws Usage {
            try {
                return NoteVerifier.parse(vkey.strip());
            } catch (FormatException e) {
                throw new Usage("--key is not a log verifier key: " + e.getMessage());
            }
        }

        private void say(String line) {
            out.println(line);
            out.flush();
        }

        private void fail(String line) {
            failures++;
            say(line);
        }
    }
}
