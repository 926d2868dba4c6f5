package org.pujiang.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar pujiang-bench.jar COMMAND ...}: the entry point of the benchmark jar. Each load
 * generator is a subcommand; {@code http} is the first.
 */
@Command(name = "pujiang-bench", mixinStandardHelpOptions = true, subcommands = {HttpLoad.class, HistoryQueryBench.class, org.pujiang.bench.crowd.CrowdLoad.class,
        org.pujiang.bench.devices.DeviceLoad.class, org.pujiang.bench.ledger.LedgerAppendBench.class,
        org.pujiang.bench.ledger.LedgerFillBench.class, org.pujiang.bench.ledger.LedgerProofsBench.class},
        versionProvider = Main.VersionProvider.class,
        description = "Load generators that produce Pujiang's whole-system figures (docs/benchmarks.md).")
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pujiang-bench " + (v == null ? "(development build)" : v)};
        }
    }
}
