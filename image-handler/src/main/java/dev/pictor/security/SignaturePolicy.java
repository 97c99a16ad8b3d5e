package dev.pictor.security;

import dev.pictor.error.ImageException;
import dev.pictor.request.ImageRequest;
import dev.pictor.request.Signature;
import dev.pictor.signer.Expiry;
import dev.pictor.signer.QuerySigner;
import dev.pictor.signer.ThumborSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which URLs are served: with keys configured, only those signed with one of them (several may be active at once,
 * for rotation), unless unsigned URLs are explicitly allowed; without keys, only unsigned ones. Signatures are
 * computed by the url-signer library, the same code that makes them, and compared in constant time.
 */
public final class SignaturePolicy {

    private final SigningKeys keys;
    private final boolean signingOn;
    private final boolean allowUnsigned;
    private final Clock clock;

    /** @param signingOn whether keys are configured at all (so that an unsigned URL is refused without a fetch) */
    public SignaturePolicy(SigningKeys keys, boolean signingOn, boolean allowUnsigned, Clock clock) {
        this.keys = keys;
        this.signingOn = signingOn;
        this.allowUnsigned = allowUnsigned;
        this.clock = clock;
    }

    /**
     * Checks a request's signature and expiry; answers how long its response may be cached at most (until the URL
     * expires), or empty when there is no such bound.
     */
    public Optional<Duration> check(ImageRequest request) {
        if (request.signature().isEmpty()) {
            if (signingOn && !allowUnsigned) {
                throw ImageException.forbidden("SignatureRequired", "this server serves signed URLs only");
            }
            // As the Serverless Image Handler does: an unsigned URL's expiry holds too.
            return expiry(request.expires());
        }
        Signature signature = request.signature().get();
        if (!signingOn) {
            throw ImageException.forbidden("SigningNotConfigured",
                    "this URL is signed, but this server has no signing key: use /unsafe/ or an unsigned URL");
        }
        boolean valid = verify(signature, keys.current());
        if (!valid && keys.refresh()) {
            valid = verify(signature, keys.current());
        }
        if (!valid) {
            throw ImageException.forbidden("SignatureDoesNotMatch", "the URL's signature does not match");
        }
        return expiry(request.expires());
    }

    /** How long until the URL expires; refused once it has. */
    private Optional<Duration> expiry(Optional<String> text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = Expiry.parse(text.get()).orElseThrow(() -> ImageException.invalidParameter(
                "expires must be YYYYMMDDTHHmmssZ, got '" + text.get() + "'"));
        Duration left = Duration.between(clock.instant(), expires);
        if (left.isNegative() || left.isZero()) {
            throw ImageException.forbidden("UrlExpired", "this URL expired at " + expires);
        }
        return Optional.of(left);
    }

    private static boolean verify(Signature signature, List<String> keys) {
        boolean valid = false;
        for (String key : keys) {
            // Every key is tried, so the time taken does not tell which one matched.
            valid |= switch (signature.scheme()) {
                case THUMBOR -> ThumborSigner.verify(key, signature.value(), signature.signedText());
                case QUERY -> QuerySigner.verify(key, signature.value(), signature.signedText());
            };
        }
        return valid;
    }
}
