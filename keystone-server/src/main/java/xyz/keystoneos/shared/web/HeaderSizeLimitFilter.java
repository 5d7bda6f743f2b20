package xyz.keystoneos.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose request line and headers together are larger than {@code keystone.api.max-header-bytes}
 * with 431 {@code request_header_too_large}.
 *
 * <p>Why here and not in the connector: a request the connector refuses (its hard limit,
 * {@code server.max-http-request-header-size}, set well above this one) gets a bare 400 and a closed connection
 * before the body is read; a client still sending that body may then see a reset instead of the answer. Here the
 * headers are parsed, so the container reads and discards the body (up to {@code server.tomcat.max-swallow-size})
 * and the client gets a problem document saying what was too large.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HeaderSizeLimitFilter extends OncePerRequestFilter {

    /** The bytes around a request target: {@code "GET "} … {@code " HTTP/1.1\r\n"} and the final empty line. */
    private static final int REQUEST_LINE_AND_END = " ".length() + " HTTP/1.1\r\n".length() + "\r\n".length();
    /** {@code ": "} and {@code "\r\n"} around one header value. */
    private static final int PER_HEADER = ": ".length() + "\r\n".length();

    private final int maxBytes;
    private final ProblemWriter problems;

    HeaderSizeLimitFilter(@Value("${keystone.api.max-header-bytes}") int maxBytes,
            @Value("${server.max-http-request-header-size}") DataSize connectorLimit, ProblemWriter problems) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("keystone.api.max-header-bytes must be at least 1024, was " + maxBytes);
        }
        if (maxBytes >= connectorLimit.toBytes()) {
            throw new IllegalArgumentException("keystone.api.max-header-bytes (" + maxBytes + ") must be below "
                    + "server.max-http-request-header-size (" + connectorLimit.toBytes() + " bytes), or the connector "
                    + "refuses such requests first, with a bare 400 and a closed connection");
        }
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (headBytes(request) > maxBytes) {
            problems.write(response, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request_header_too_large",
                    "The request line and headers are larger than the limit of " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The size of the request line and headers as they were received, give or take the protocol name: the container
     * hands the target and header values over undecoded, one character per byte.
     */
    static long headBytes(HttpServletRequest request) {
        String query = request.getQueryString();
        long bytes = request.getMethod().length() + request.getRequestURI().length()
                + (query == null ? 0 : 1 + query.length()) + REQUEST_LINE_AND_END;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                bytes += name.length() + PER_HEADER + values.nextElement().length();
            }
        }
        return bytes;
    }
}
