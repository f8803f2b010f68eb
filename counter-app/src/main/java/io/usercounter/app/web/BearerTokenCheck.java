package io.usercounter.app.web;

import io.usercounter.app.api.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Writes under /api/v1 need {@code Authorization: Bearer <COUNTER_AUTH_TOKEN>} when that is set;
 * reads stay open. It runs before the body is read, and its refusal goes through ApiExceptionHandler.
 */
class BearerTokenCheck implements HandlerInterceptor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SCHEME = "Bearer ";

    private final byte[] expectedDigest;

    BearerTokenCheck(String token) {
        this.expectedDigest = sha256(token);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new UnauthorizedException("this write needs an Authorization: Bearer token");
        }
        // digests have one length, so the comparison takes the same time whatever was sent
        if (!MessageDigest.isEqual(
                expectedDigest, sha256(header.substring(SCHEME.length()).strip()))) {
            throw new UnauthorizedException("the bearer token is not the one this service accepts");
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
