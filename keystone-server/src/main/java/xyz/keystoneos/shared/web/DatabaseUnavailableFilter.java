package xyz.keystoneos.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 {@code database_unavailable} (problem+json, {@code Retry-After}) when the database cannot be reached
 * in a filter that runs before Spring MVC (session, token and caller resolution, rate limiting), where
 * {@link ApiExceptionHandler} cannot help. Any other failure passes through unchanged. Runs right after
 * {@link RequestIdFilter}, so the answer carries the request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemWriter problems;

    DatabaseUnavailableFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.isCauseOf(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {}: the database is unreachable ({}); answered 503", request.getMethod(),
                    request.getRequestURI(), DatabaseUnavailable.rootMessage(e));
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            problems.write(response, DatabaseUnavailable.problem());
        }
    }
}
