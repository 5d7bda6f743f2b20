package xyz.keystoneos.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, for what Tomcat refuses before the application sees the request (an encoded {@code /} or
 * a broken {@code %} escape in the path, …): a problem document with a request id instead of Tomcat's HTML page.
 * Everything that reaches the application is answered by {@link ProblemErrorController} or the handlers, so this
 * only writes when nothing has been written yet.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final JsonMapper jsonMapper;

    ProblemErrorReportValve(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = statusCode >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String requestId = response.getHeader(RequestIds.HEADER) != null ? response.getHeader(RequestIds.HEADER)
                : RequestIds.choose(request.getHeader(RequestIds.HEADER));
        Problem problem = Problem.of(status, ErrorCodes.of(status),
                ErrorCodes.detail(status, request.getMethod(), request.getRequestURI()), List.of(), requestId);
        try {
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(jsonMapper.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: nothing left to tell it.
        }
    }
}
