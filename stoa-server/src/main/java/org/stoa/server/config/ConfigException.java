package org.stoa.server.config;

/** A setting that stops start-up; the message names the setting and what to do. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
