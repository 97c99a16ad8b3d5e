package dev.pictor.error;

/**
 * The one exception a request can end in. Its {@link Kind} fixes the HTTP status, its code is stable and
 * machine-readable, and its message is safe to show to the caller: internals (paths, stack traces) stay in the log.
 */
public final class ImageException extends RuntimeException {

    /** The kinds of failure and, in this one place, their HTTP status. */
    public enum Kind {
        BAD_REQUEST(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        METHOD_NOT_ALLOWED(405),
        /** A write that would replace what must not be replaced (an original). */
        PRECONDITION_FAILED(412),
        TOO_LARGE(413),
        URI_TOO_LONG(414),
        UNSUPPORTED_MEDIA(415),
        HEADERS_TOO_LARGE(431),
        /** A bug: the public message is generic, the cause goes to the log. */
        INTERNAL(500),
        /** A remote source answered with an error, or not at all. */
        BAD_GATEWAY(502),
        /** Too busy right now; the same request may succeed later. */
        UNAVAILABLE(503),
        /** A remote source did not answer in time. */
        GATEWAY_TIMEOUT(504);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;

    public ImageException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public ImageException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public static ImageException badRequest(String code, String message) {
        return new ImageException(Kind.BAD_REQUEST, code, message);
    }

    /** A parameter with a bad value: the message names the parameter and what it accepts. */
    public static ImageException invalidParameter(String message) {
        return new ImageException(Kind.BAD_REQUEST, "InvalidParameter", message);
    }

    public static ImageException forbidden(String code, String message) {
        return new ImageException(Kind.FORBIDDEN, code, message);
    }

    public static ImageException methodNotAllowed(String message) {
        return new ImageException(Kind.METHOD_NOT_ALLOWED, "MethodNotAllowed", message);
    }

    public static ImageException notFound(String message) {
        return new ImageException(Kind.NOT_FOUND, "NotFound", message);
    }

    public static ImageException tooLarge(String code, String message) {
        return new ImageException(Kind.TOO_LARGE, code, message);
    }

    public static ImageException unsupported(String code, String message) {
        return new ImageException(Kind.UNSUPPORTED_MEDIA, code, message);
    }

    /** A store or service that failed for now (a network error, throttling, a 5xx): the same request may succeed later. */
    public static ImageException unavailable(String code, String message, Throwable cause) {
        return new ImageException(Kind.UNAVAILABLE, code, message, cause);
    }

    public static ImageException internal(String message, Throwable cause) {
        return new ImageException(Kind.INTERNAL, "InternalError", message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status();
    }

    public String code() {
        return code;
    }
}
