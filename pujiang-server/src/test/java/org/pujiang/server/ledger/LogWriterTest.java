package org.pujiang.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pujiang.ledger.checkpoint.SigningKey;
import org.pujiang.server.storage.LedgerRepository;
import org.pujiang.server.storage.jdbc.Database;
import org.pujiang.server.testing.TestDatabase;

/**
 * The log writer when the store fails: a batch refused before its commit is answered as failed and leaves no trace
 * (the decided state is rolled back); a failure reported after the commit (H2's sync, a lost COMMIT reply) is
 * answered as appended, because the entries are in the log and later ones build on them.
 */
class LogWriterTest {
    enum Failure { NONE, BEFORE_COMMIT, AFTER_COMMIT }

    /** The real JDBC store, failing the next store() as told. */
    static LedgerRepository failing(LedgerRepository real, AtomicReference<Failure> next) {
        return (LedgerRepository) Proxy.newProxyInstance(LedgerRepository.class.getClassLoader(),
                new Class<?>[] {LedgerRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("store")) {
                        Failure f = next.getAndSet(Failure.NONE);
                        if (f == Failure.BEFORE_COMMIT) {
                            throw new IllegalStateException("disk full (before commit)");
                        }
                        method.invoke(real, args);
                        if (f == Failure.AFTER_COMMIT) {
                            throw new IllegalStateException("sync failed (after commit)");
                        }
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static byte[] entry(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void failuresBeforeAndAfterTheCommitAreAnsweredAsWhatTheStoreHolds(@TempDir Path temp) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp);
                Database d = Database.open(db.config(), temp.resolve("data"), null)) {
            AtomicReference<Failure> next = new AtomicReference<>(Failure.NONE);
            LedgerRepository store = failing(d.ledger(), next);
            LogWriter w = LogWriter.open(store, SigningKey.generate("test/log"), "test/log", Clock.systemUTC(),
                    Duration.ofMillis(50), 1024, 64);
            AtomicInteger rollbacks = new AtomicInteger();
            w.onRollback(rollbacks::incrementAndGet);
            w.start();
            try {
                assertThat(w.append(entry("a")).get(5, TimeUnit.SECONDS)).isEqualTo(0L);

                next.set(Failure.BEFORE_COMMIT);
                assertThatThrownBy(() -> w.append(entry("b")).get(5, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasMessageContaining("before commit");
                assertThat(rollbacks.get()).isEqualTo(1);
                assertThat(w.tail().size()).isEqualTo(1);

                next.set(Failure.AFTER_COMMIT);
                assertThat(w.append(entry("c")).get(5, TimeUnit.SECONDS)).as("committed, then the sync failed")
                        .isEqualTo(1L);
                assertThat(rollbacks.get()).isEqualTo(1);
                assertThat(w.append(entry("d")).get(5, TimeUnit.SECONDS)).isEqualTo(2L);
                assertThat(new LogReader(d.ledger()).entries(0, 3)).extracting(b -> new String(b, StandardCharsets.UTF_8))
                        .containsExactly("a", "c", "d");
                assertThat(w.failedBatches()).isEqualTo(1);
            } finally {
                w.close();
            }
            // The last checkpoint covers all three, and a new writer on the store agrees with it.
            LogWriter again = LogWriter.open(d.ledger(), SigningKey.generate("test/log"), "test/log", Clock.systemUTC(),
                    Duration.ofMillis(50), 1024, 64);
            assertThat(again.tail().size()).isEqualTo(3);
            assertThat(again.tail().checkpoint().size()).isEqualTo(3);
            again.close();
        }
    }

    @Test
    void anEntryTooLongForABundleFailsItsBatchAndNothingElse(@TempDir Path temp) throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, temp);
                Database d = Database.open(db.config(), temp.resolve("data"), null)) {
            LogWriter w = LogWriter.open(d.ledger(), SigningKey.generate("test/log"), "test/log", Clock.systemUTC(),
                    Duration.ofMillis(50), 1024, 64);
            w.start();
            try {
                assertThatThrownBy(() -> w.append(new byte[70_000]).get(5, TimeUnit.SECONDS))
                        .hasMessageContaining("65535");
                assertThat(w.append(entry("ok")).get(5, TimeUnit.SECONDS)).isZero();
            } finally {
                w.close();
            }
        }
    }

}
