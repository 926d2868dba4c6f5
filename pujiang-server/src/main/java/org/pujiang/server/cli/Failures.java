package org.pujiang.server.cli;

import org.pujiang.server.config.ConfigException;
import org.pujiang.server.error.ApiException;
import org.pujiang.server.storage.jdbc.DatabaseUnavailableException;
import picocli.CommandLine;

/**
 * Turns expected failures into one clear line and an exit code instead of a stack trace:
 * 2 for bad configuration or input, 3 when the database cannot be used. Anything else is a bug
 * and keeps its stack trace.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int CONFIG = 2;
    static final int DATABASE = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException) {
            cl.getErr().println("pujiang: configuration error: " + e.getMessage());
            return CONFIG;
        }
        if (e instanceof ApiException api) {
            cl.getErr().println("pujiang: " + api.getMessage() + " (" + api.error().code() + ")");
            return CONFIG;
        }
        if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
            cl.getErr().println("pujiang: cannot listen on the configured address and port: " + e.getMessage()
                    + ". Is another server running there? Pick another with --port.");
            return CONFIG;
        }
        if (e instanceof DatabaseUnavailableException) {
            cl.getErr().println("pujiang: " + e.getMessage());
            if (String.valueOf(e.getMessage()).contains("locked")) {
                cl.getErr().println("  The embedded H2 database is held by a running server: stop it first, "
                        + "or run against PostgreSQL.");
            }
            return DATABASE;
        }
        throw e;
    }
}
