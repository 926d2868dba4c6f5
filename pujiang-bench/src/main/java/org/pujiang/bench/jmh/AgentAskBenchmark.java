package org.pujiang.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pujiang.agent.retrieval.Retriever;
import org.pujiang.bench.agent.SyntheticKb;

/**
 * One question answered by retrieval over a knowledge base of {@code entries} entries (three phrasings each, plus the
 * answer): normalisation, analysis in three fields, BM25 over the phrasings, grouping by entry, confidence. Sample
 * time mode, so JMH reports p50 and p99 per question. The questions alternate Chinese and English and are worded
 * unlike the phrasings ({@code lang} picks Chinese, English or both).
 *
 * <p>Run after {@code mvn -pl pujiang-bench -am package}:
 * {@code java -cp pujiang-bench/target/pujiang-bench.jar org.openjdk.jmh.Main AgentAskBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class AgentAskBenchmark {
    @Param({"100000"})
    public int entries;

    /** Which questions: Chinese, English, or both in turn. */
    @Param({"both"})
    public String lang;

    private Retriever retriever;
    private List<String> questions;
    private int next;

    @Setup
    public void setUp() {
        retriever = new Retriever(SyntheticKb.of(entries));
        List<String> all = SyntheticKb.questions(entries, 8192, 7); // even: Chinese, odd: English
        questions = new java.util.ArrayList<>(4096);
        for (int i = 0; i < all.size() && questions.size() < 4096; i++) {
            if (lang.equals("both") || lang.equals("zh") == (i % 2 == 0)) {
                questions.add(all.get(i));
            }
        }
    }

    @Benchmark
    public Retriever.Match ask() {
        String q = questions.get(next++ & 4095);
        return retriever.ask(q);
    }
}
