package xyz.keystoneos.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, replacing Spring Boot's): answers that never reached a handler —
 * a {@code sendError} from a filter or from Tomcat itself ({@code TRACE}, unknown methods, firewall refusals) — as
 * problem documents like every other error, with a stable code per status. Headers already set stay (Tomcat's
 * {@code Allow} on a 405 for {@code TRACE}). A 5xx never tells more than {@code internal_error}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        Problem problem = Problem.of(status, ErrorCodes.of(status),
                ErrorCodes.detail(status, request.getMethod(), path(request)), List.of(), RequestIds.current());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The status the container dispatched with; a client asking for {@code /error} itself finds nothing there. */
    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = HttpStatus.resolve(value);
        return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String path(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String text ? text : request.getRequestURI();
    }
}
