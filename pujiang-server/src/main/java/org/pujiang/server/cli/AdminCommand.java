package org.pujiang.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pujiang.server.auth.AuthService;
import org.pujiang.server.auth.Role;
import org.pujiang.server.auth.User;
import org.pujiang.server.config.ConfigException;
import org.pujiang.server.config.ServerConfig;
import org.pujiang.server.storage.jdbc.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pujiang admin ...}: account chores run directly against the database. */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Administer accounts. Runs against the database directly; with the embedded H2 database, "
                + "stop the server first.",
        subcommands = {AdminCommand.CreateUser.class, AdminCommand.ResetPassword.class})
final class AdminCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where a new password comes from: stdin, PUJIANG_NEW_PASSWORD, or a prompt. */
    static final class PasswordSource {
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean stdin;

        String read(String prompt) {
            if (stdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (line == null || line.isEmpty()) {
                        throw new ConfigException("--password-stdin: standard input held no password");
                    }
                    return line;
                } catch (IOException e) {
                    throw new ConfigException("--password-stdin: " + e.getMessage());
                }
            }
            String env = System.getenv("PUJIANG_NEW_PASSWORD");
            if (env != null && !env.isEmpty()) {
                return env;
            }
            Console console = System.console();
            if (console == null) {
                throw new ConfigException("no password given: use --password-stdin or PUJIANG_NEW_PASSWORD when not "
                        + "at a terminal");
            }
            char[] first = console.readPassword("%s: ", prompt);
            char[] again = console.readPassword("again: ");
            if (first == null || again == null || !new String(first).equals(new String(again))) {
                throw new ConfigException("the two passwords differ");
            }
            return new String(first);
        }
    }

    /** The auth service over the configured database; the caller closes the database. */
    static AuthService auth(Database db, ServerConfig config) {
        return new AuthService(db.users(), db.sessions(), db.keys(), config.auth(), Clock.systemUTC());
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Create an account with a role.")
    static final class CreateUser implements Callable<Integer> {
        @Option(names = "--username", required = true, description = "The new account's username.")
        String username;

        @Option(names = "--display-name", description = "The name others see. Default: the username.")
        String displayName;

        @Option(names = "--role", defaultValue = "member",
                description = "admin, operator or member. Default: ${DEFAULT-VALUE}.")
        String role;

        @Mixin
        PasswordSource password;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            Role r = Role.fromWire(role).filter(x -> x != Role.GUEST)
                    .orElseThrow(() -> new ConfigException("--role must be admin, operator or member, got " + role));
            String pw = password.read("password for " + username);
            ServerConfig config = ServerConfig.from(storage.resolve(Map.of()));
            try (Database db = Database.open(config.database(), config.dataDir(), null)) {
                AuthService auth = auth(db, config);
                User u = auth.createUser(username, pw, displayName, r);
                System.out.println("created " + r.wireName() + " " + u.username() + " (" + u.id() + ")");
            }
            return 0;
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
            description = "Set a new password for an account and end all its sessions.")
    static final class ResetPassword implements Callable<Integer> {
        @Option(names = "--username", required = true, description = "The account's username.")
        String username;

        @Mixin
        PasswordSource password;

        @Mixin
        StorageOptions storage;

        @Override
        public Integer call() {
            String pw = password.read("new password for " + username);
            ServerConfig config = ServerConfig.from(storage.resolve(Map.of()));
            try (Database db = Database.open(config.database(), config.dataDir(), null)) {
                AuthService auth = auth(db, config);
                if (!auth.resetPassword(username, pw)) {
                    System.err.println("pujiang: no account named " + username);
                    return 1;
                }
                System.out.println("password of " + username + " reset; its sessions were ended");
            }
            return 0;
        }
    }
}
