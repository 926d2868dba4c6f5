package org.pujiang.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pujiang.ledger.checkpoint.Checkpoint;
import org.pujiang.ledger.checkpoint.CosignatureVerifier;
import org.pujiang.ledger.checkpoint.CosigningKey;
import org.pujiang.ledger.checkpoint.FormatException;
import org.pujiang.ledger.checkpoint.NoteSignature;
import org.pujiang.ledger.checkpoint.NoteVerifier;
import org.pujiang.ledger.checkpoint.SignedNote;
import org.pujiang.ledger.tree.ProofException;
import org.pujiang.ledger.tree.Verification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pujiang witness}: a witness of someone else's transparency log, run by another organisation. It pulls the
 * log's newest signed checkpoint, checks that it extends the last one this witness cosigned (a consistency proof,
 * RFC 9162 §2.1.4.2), and only then cosigns it (C2SP tlog-cosignature, cosignature/v1) and posts the cosignature
 * back. A log that shows this witness a fork — a smaller tree, or another root for a size it cosigned, or a tree
 * that does not contain the one it cosigned — gets no cosignature from it, ever: that is what lets verifiers who
 * require a quorum of witnesses trust that everyone sees the same log (the C2SP tlog-witness design, in its pull
 * form: the witness polls instead of the log pushing {@code add-checkpoint} calls).
 *
 * <p>The witness's state is one directory. Per log (by origin) it holds the note it last cosigned and, on trust on
 * first use, the log's pinned public key. The state is written before the cosignature leaves the process, so a crash
 * can at worst lose a cosignature, never let the witness forget what it signed.
 */
@Command(name = "witness", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Witness another organisation's Pujiang log: cosign its checkpoints only while it stays one "
                + "append-only log.",
        subcommands = {WitnessCommand.Keygen.class, WitnessCommand.Run.class, CommandLine.HelpCommand.class})
final class WitnessCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pujiang witness keygen}: a new cosigning key, its secret written owner-only, its vkey printed. */
    @Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Make a witness cosigning key (Ed25519, C2SP cosignature/v1). Writes the secret key to "
                    + "--out (owner-only; never overwrites) and prints the public verifier key, which the log's "
                    + "operator adds to ledger.witnesses.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "The witness's name, conventionally a schema-less URL of the organisation, e.g. "
                        + "witness.example.org/pujiang. No spaces or '+'.")
        String name;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the secret key.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            CosigningKey key;
            try {
                key = CosigningKey.generate(name);
            } catch (IllegalArgumentException e) {
                err.println("pujiang witness keygen: " + e.getMessage());
                return LogClient.TROUBLE;
            }
            try {
                StateFiles.createOwnerOnly(out, key.skey() + "\n");
            } catch (FileAlreadyExistsException e) {
                err.println("pujiang witness keygen: " + out + " already exists; a key file is never overwritten"
                        + " (a lost witness key cannot be replaced silently). Choose another --out.");
                return LogClient.TROUBLE;
            } catch (IOException e) {
                err.println("pujiang witness keygen: cannot write " + out + ": " + e.getMessage());
                return LogClient.TROUBLE;
            }
            spec.commandLine().getOut().println(key.vkey());
            spec.commandLine().getOut().flush();
            err.println("Secret key written to " + out + " (owner-only). Give the line above to the log's operator "
                    + "for ledger.witnesses; keep the file secret and backed up.");
            err.flush();
            return LogClient.OK;
        }
    }

    /** {@code pujiang witness run}: the polling loop. */
    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Poll a log, check each new checkpoint against the one cosigned before, cosign it and post "
                    + "the cosignature. Refuses (never cosigns) a checkpoint that is not an append-only extension. "
                    + "Exit codes with --once: 0 cosigned, 1 refused, 2 bad options, network or server error.")
    static final class Run implements Callable<Integer> {
        private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Spec
        CommandSpec spec;

        @Option(names = "--log", required = true, paramLabel = "URL",
                description = "The log server's base URL, e.g. https://pujiang.example.org.")
        URI log;

        @Option(names = "--key", required = true, paramLabel = "FILE",
                description = "This witness's secret key file (from `pujiang witness keygen`).")
        Path keyFile;

        @Option(names = "--state", required = true, paramLabel = "DIR",
                description = "Directory of the witness's state: per log, the checkpoint it last cosigned and the "
                        + "pinned log key. Keep it (and back it up) for as long as the witness runs.")
        Path state;

        @Option(names = "--vkey", paramLabel = "LOGVKEY",
                description = "The log's public key, as its operator publishes it. Default: fetched from the log "
                        + "on first contact and pinned in --state (trust on first use).")
        String logVkey;

        @Option(names = "--interval", paramLabel = "TIME", defaultValue = "PT5S",
                description = "Time between polls: ISO-8601 (PT5S) or 5s, 500ms, 2m. Default: ${DEFAULT-VALUE}.")
        String interval;

        @Option(names = "--once", description = "One round, then exit with its result.")
        boolean once;

        private PrintWriter out;
        private PrintWriter err;
        private CosigningKey key;
        private NoteVerifier fixedLogKey;
        private LogClient client;
        /** The last refused note, so a log that keeps offering it gets one full report, then one line a round. */
        private String lastRefused;

        /** What one round did. */
        sealed interface Outcome {
            record Cosigned(Checkpoint checkpoint, int cosignatures, int quorum) implements Outcome {}

            record AlreadyCosigned(Checkpoint checkpoint) implements Outcome {}

            record Refused(Checkpoint offered, String reason) implements Outcome {}
        }

        /** Options that make no sense: exit 2 before any round. */
        private static final class Usage extends Exception {
            Usage(String message) {
                super(message, null, false, false);
            }
        }

        @Override
        public Integer call() {
            out = spec.commandLine().getOut();
            err = spec.commandLine().getErr();
            Duration every;
            try {
                every = parseInterval(interval);
                key = loadKey(keyFile);
                fixedLogKey = logVkey == null ? null : parseLogKey(logVkey);
                if (log.getScheme() == null || !log.getScheme().startsWith("http")) {
                    throw new Usage("--log must be an http:// or https:// URL, got " + log);
                }
            } catch (Usage e) {
                err.println("pujiang witness run: " + e.getMessage());
                err.flush();
                return LogClient.TROUBLE;
            }
            client = new LogClient(log);
            if (!once) {
                say("witness " + key.name() + "+" + HexFormat.of().formatHex(key.keyId()) + " watching " + client.base()
                        + " every " + every.toString().substring(2).toLowerCase(Locale.ROOT) + "; state in " + state);
            }
            try {
                while (true) {
                    int code = round();
                    if (once) {
                        return code;
                    }
                    Thread.sleep(every.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                say("stopped");
                return LogClient.OK;
            }
        }

        /** One poll; prints its line and returns its exit code. */
        private int round() throws InterruptedException {
            String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                Outcome outcome = check();
                switch (outcome) {
                    case Outcome.Cosigned c -> {
                        lastRefused = null;
                        say(stamp + " size " + c.checkpoint().size() + " root " + rootPrefix(c.checkpoint())
                                + " cosigned (" + c.cosignatures() + " cosignature" + (c.cosignatures() == 1 ? "" : "s")
                                + (c.quorum() > 0 ? ", quorum " + c.quorum() : "") + ")");
                        return LogClient.OK;
                    }
                    case Outcome.AlreadyCosigned a -> {
                        say(stamp + " size " + a.checkpoint().size() + " root " + rootPrefix(a.checkpoint())
                                + " cosigned before (unchanged)");
                        return LogClient.OK;
                    }
                    case Outcome.Refused r -> {
                        say(stamp + " size " + r.offered().size() + " root " + rootPrefix(r.offered()) + " REFUSED: "
                                + r.reason());
                        return LogClient.FAILED;
                    }
                }
            } catch (LogClient.Trouble e) {
                say(stamp + " no checkpoint checked: " + e.getMessage());
                return LogClient.TROUBLE;
            }
        }

        private Outcome check() throws LogClient.Trouble, InterruptedException {
            String text = client.text("/api/log/checkpoints/latest");
            SignedNote note;
            Checkpoint offered;
            try {
                note = SignedNote.parse(text);
                offered = Checkpoint.parse(note.body());
            } catch (FormatException e) {
                throw new LogClient.Trouble("the log's latest checkpoint is not a signed checkpoint note: "
                        + e.getMessage());
            }
            String slug = slug(offered.origin());

            // 1. The log's own signature, with the operator's key or the one pinned on first contact.
            NoteVerifier logKey = fixedLogKey != null ? fixedLogKey : pinnedOrFetched(offered, note, slug);
            if (!logKey.name().equals(offered.origin())) {
                return refuse(offered, note, null, "the checkpoint is for origin '" + offered.origin()
                        + "' but the log key is named '" + logKey.name() + "'");
            }
            if (!note.verifiedBy(logKey)) {
                return refuse(offered, note, null, "the log's signature does not verify with its key "
                        + keyLabel(logKey.name(), logKey.keyId()));
            }

            // 2. Append-only: the offered tree must extend the one this witness cosigned before.
            Path stateFile = state.resolve(slug + ".checkpoint");
            SignedNote previousNote = readState(stateFile);
            Checkpoint previous = null;
            if (previousNote != null) {
                try {
                    previous = Checkpoint.parse(previousNote.body());
                } catch (FormatException e) {
                    throw new LogClient.Trouble("the state file " + stateFile + " does not hold a checkpoint ("
                            + e.getMessage() + "); restore it from a backup — never delete it to get going again");
                }
                if (!previous.origin().equals(offered.origin())) {
                    throw new LogClient.Trouble("the state file " + stateFile + " is for log '" + previous.origin()
                            + "', not '" + offered.origin() + "'");
                }
            }
            CosignatureVerifier self = key.verifier();
            if (previous != null) {
                if (offered.size() < previous.size()) {
                    return refuse(offered, note, previousNote, "the log shrank from " + previous.size() + " to "
                            + offered.size() + " entries");
                }
                if (offered.size() == previous.size()) {
                    if (!offered.equals(previous)) {
                        return refuse(offered, note, previousNote, "a second root for size " + offered.size()
                                + " (cosigned " + hex(previous.root()) + ", offered " + hex(offered.root())
                                + "): the log is forked");
                    }
                    if (self.verify(note).isPresent()) {
                        return new Outcome.AlreadyCosigned(offered);
                    }
                } else if (previous.size() > 0) {
                    JsonNode proof = client.json("/api/log/proof/consistency?from=" + previous.size() + "&to="
                            + offered.size());
                    try {
                        Verification.consistency(previous.size(), offered.size(), previous.root(), offered.root(),
                                LogClient.hashes(proof, "consistency proof"));
                    } catch (ProofException e) {
                        return refuse(offered, note, previousNote, "the consistency proof " + previous.size() + " → "
                                + offered.size() + " does not verify (" + e.getMessage() + "): the log is forked or "
                                + "rewrote its history");
                    }
                }
            }

            // 3. Remember it first, then let the cosignature out: a crash between the two loses one cosignature,
            // never the record of what this witness signed. The signature is made in memory before the write so that
            // the state holds it too (what was signed, and when).
            NoteSignature cosignature = key.cosign(offered, Instant.now().getEpochSecond());
            try {
                StateFiles.writeAtomically(stateFile, note.withSignature(cosignature).format());
            } catch (IOException e) {
                throw new LogClient.Trouble("cannot save the witness state " + stateFile + " (" + e.getMessage()
                        + "); not cosigning without it");
            }
            JsonNode answer = client.postText("/api/log/cosignatures",
                    offered.body() + "\n" + cosignature.line() + "\n");
            return new Outcome.Cosigned(offered, answer.path("cosignatures").asInt(0), answer.path("quorum").asInt(0));
        }

        /**
         * The log key pinned for this origin, or on first contact the key the log itself publishes, pinned once the
         * note verifies with it (trust on first use: the witness then holds the log to that key for good).
         */
        private NoteVerifier pinnedOrFetched(Checkpoint offered, SignedNote note, String slug)
                throws LogClient.Trouble, InterruptedException {
            Path pinned = state.resolve(slug + ".logkey");
            if (Files.exists(pinned)) {
                try {
                    return NoteVerifier.parse(Files.readString(pinned, StandardCharsets.UTF_8).strip());
                } catch (IOException | FormatException e) {
                    throw new LogClient.Trouble("the pinned log key " + pinned + " cannot be read: " + e.getMessage());
                }
            }
            JsonNode info = client.json("/api/log/key");
            String vkey = info.path("vkey").asText("");
            NoteVerifier fetched;
            try {
                fetched = NoteVerifier.parse(vkey);
            } catch (FormatException e) {
                throw new LogClient.Trouble("the log's /api/log/key answer has no usable vkey: " + e.getMessage());
            }
            if (fetched.name().equals(offered.origin()) && note.verifiedBy(fetched)) {
                try {
                    StateFiles.writeAtomically(pinned, fetched.vkey() + "\n");
                } catch (IOException e) {
                    throw new LogClient.Trouble("cannot pin the log key in " + pinned + ": " + e.getMessage());
                }
                say("pinned the log key " + keyLabel(fetched.name(), fetched.keyId()) + " from " + client.base()
                        + "/api/log/key: trust on first use — compare it with the key the operator publishes, or"
                        + " pass --vkey");
            }
            return fetched;
        }

        private Outcome refuse(Checkpoint offered, SignedNote note, SignedNote previous, String reason) {
            String text = note.format();
            if (!text.equals(lastRefused)) {
                lastRefused = text;
                StringBuilder report = new StringBuilder();
                report.append("pujiang witness: REFUSED to cosign ").append(offered.origin()).append(" at size ")
                        .append(offered.size()).append(": ").append(reason).append('\n');
                if (previous != null) {
                    report.append("  cosigned before:\n").append(indent(previous.format()));
                }
                report.append("  offered now:\n").append(indent(text));
                if (previous != null) {
                    Path evidence = state.resolve(slug(offered.origin()) + ".refused-" + offered.size() + "-"
                            + hex(offered.root()).substring(0, 8) + ".note");
                    try {
                        if (!Files.exists(evidence)) {
                            StateFiles.writeAtomically(evidence, text);
                        }
                        report.append("  both notes are signed by the log: kept the offered one in ").append(evidence)
                                .append(" as evidence\n");
                    } catch (IOException e) {
                        report.append("  (could not keep the offered note as evidence: ").append(e.getMessage())
                                .append(")\n");
                    }
                }
                err.print(report);
                err.flush();
            }
            return new Outcome.Refused(offered, reason);
        }

        private SignedNote readState(Path file) throws LogClient.Trouble {
            try {
                return SignedNote.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | FormatException e) {
                throw new LogClient.Trouble("the state file " + file + " cannot be read (" + e.getMessage()
                        + "); restore it from a backup — never delete it to get going again");
            }
        }

        private CosigningKey loadKey(Path file) throws Usage {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw new Usage("no witness key at " + file + " (make one with `pujiang witness keygen`)");
            } catch (IOException e) {
                throw new Usage("cannot read the witness key " + file + ": " + e.getMessage());
            }
            try {
                CosigningKey k = CosigningKey.fromSkey(text);
                if (StateFiles.readableByOthers(file)) {
                    err.println("pujiang witness run: warning: " + file + " is readable by other users; chmod 600 it");
                }
                return k;
            } catch (FormatException e) {
                throw new Usage(file + " is not a witness key: " + e.getMessage());
            }
        }

        private static NoteVerifier parseLogKey(String vkey) throws Usage {
            try {
                return NoteVerifier.parse(vkey.strip());
            } catch (FormatException e) {
                throw new Usage("--vkey is not a log verifier key: " + e.getMessage());
            }
        }

        static Duration parseInterval(String text) throws Usage {
            Duration d;
            Matcher m = SHORT_DURATION.matcher(text.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                try {
                    d = Duration.parse(text.strip());
                } catch (DateTimeParseException e) {
                    throw new Usage("--interval must be ISO-8601 (PT5S) or like 5s, 500ms, 2m; got '" + text + "'");
                }
            }
            if (d.toMillis() < 100) {
                throw new Usage("--interval must be at least 100 ms, got " + text);
            }
            return d;
        }

        private void say(String line) {
            out.println(line);
            out.flush();
        }

        private static String indent(String text) {
            StringBuilder b = new StringBuilder();
            String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            for (String line : body.split("\n", -1)) {
                b.append("    |").append(line.isEmpty() ? "" : " " + line).append('\n');
            }
            return b.toString();
        }
    }

    static String keyLabel(String name, byte[] keyId) {
        return name + "+" + HexFormat.of().formatHex(keyId);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String rootPrefix(Checkpoint c) {
        return hex(c.root()).substring(0, 8) + "…";
    }

    /**
     * A file-name-safe form of a log's origin, unique per origin: its safe characters, cut short, then 8 hex digits
     * of its SHA-256 so that two origins that differ only in unsafe characters never share state.
     */
    static String slug(String origin) {
        String safe = origin.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return safe + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
