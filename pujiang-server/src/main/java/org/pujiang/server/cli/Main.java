package org.pujiang.server.cli;

import org.pujiang.server.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code pujiang} command: serve, admin, simulate. */
@Command(name = "pujiang",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Pujiang 浦江: an open metaverse platform — shared 3D spaces, digital twins, digital humans.",
        subcommands = {ServeCommand.class, AdminCommand.class, SimulateCommand.class, WitnessCommand.class, LogCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with its error handling; tests run it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Failures());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the version for --version on every command. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pujiang " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
