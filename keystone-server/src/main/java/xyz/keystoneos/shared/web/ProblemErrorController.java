package xyz.keystoneos.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, replacing Spring Boot's): answers that never reached a handler —
 * a {@code sendError} from a filter or from Tomcat itself ({@code TRACE}, unknown methods, firewall refusals) — as
 * problem documents like every other error, with a stable code per status. A 5xx never tells more than
 * {@code internal_error}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Problem> error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = status(request);
        String code = ErrorCodes.of(status);
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.METHOD_NOT_ALLOWED && response.getHeader(HttpHeaders.ALLOW) == null) {
            headers.set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        Problem problem = Problem.of(status, code, ErrorCodes.detail(status, method(request), path(request)),
                List.of(), RequestIds.current());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String method(HttpServletRequest request) {
        return request.getMethod();
    }

    private static String path(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String text ? text : request.getRequestURI();
    }
}
