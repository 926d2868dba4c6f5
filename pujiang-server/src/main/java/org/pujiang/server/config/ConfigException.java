package org.pujiang.server.config;

/** A setting is missing, unknown or malformed. The message names the setting and where it came from. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
