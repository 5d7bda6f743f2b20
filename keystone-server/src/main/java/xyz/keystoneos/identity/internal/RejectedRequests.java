package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * Requests Spring Security's firewall refuses (encoded slashes, parameter names with control characters …) are
 * the client's mistake: 400 {@code request_rejected} as problem+json, never a 500. The reason is logged, not
 * echoed.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            RequestRejectedException rejected) throws IOException {
        log.debug("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        problems.write(response, HttpStatus.BAD_REQUEST, "request_rejected",
                "The request's URL, parameters or headers contain characters this API does not accept");
    }
}
