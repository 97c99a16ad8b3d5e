package dev.pictor.config;

/** A setting with a bad value: start-up stops with this message. */
public final class ConfigException extends RuntimeException {

    public ConfigException(Setting setting, String message) {
        super(setting == null ? message : setting.name() + " (" + setting.flag() + ") " + message);
    }
}
