package xyz.keystoneos.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns the API's refusals into pages: a message on the page (for htmx requests a message in the page's status
 * area), a new login when the token is no longer accepted, and the operator notice for staff accounts.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardAdvice.class);

    private final DashboardArgumentResolver resolver;

    DashboardAdvice(DashboardArgumentResolver resolver) {
        this.resolver = resolver;
    }

    @ExceptionHandler(DashboardArgumentResolver.LoginRequired.class)
    String loginRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return toLogin(request, response);
    }

    @ExceptionHandler(DashboardArgumentResolver.OperatorAccount.class)
    String operator(DashboardArgumentResolver.OperatorAccount account, Model model) {
        model.addAttribute("viewer", account.viewer());
        return "dashboard/operator";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        if (problem.status() == 401) {
            resolver.forget(request, response);
            return toLogin(request, response);
        }
        if ("environment_not_accessible".equals(problem.code())
                || "environment_header_required".equals(problem.code())) {
            DashboardArgumentResolver.choose(request, null);
        }
        model.addAttribute("message", problem.friendly());
        model.addAttribute("status", problem.status());
        if (DashboardSecurityConfiguration.isHtmx(request)) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "dashboard/fragments :: problem";
        }
        response.setStatus(problem.status() >= 500 ? 502 : problem.status());
        return "dashboard/problem";
    }

    /**
     * Anything else that goes wrong in a dashboard handler becomes a page, not the API's problem document: a bad id
     * in the address is "not found", Spring's own refusals keep their status, the rest is logged as a fault.
     */
    @ExceptionHandler(Exception.class)
    String unexpected(Exception exception, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status;
        String message;
        if (exception instanceof TypeMismatchException) {
            status = 404;
            message = "There is no such page.";
        } else if (exception instanceof ErrorResponse error) {
            status = error.getStatusCode().value();
            message = status == 404 ? "There is no such page." : "The request was not understood (" + status + ").";
        } else {
            status = 500;
            message = "Something went wrong on our side. Try again.";
            LOG.error("Dashboard request {} failed", request.getRequestURI(), exception);
        }
        model.addAttribute("message", message);
        model.addAttribute("status", status);
        if (DashboardSecurityConfiguration.isHtmx(request)) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
            return "dashboard/fragments :: problem";
        }
        response.setStatus(status);
        return "dashboard/problem";
    }

    private static String toLogin(HttpServletRequest request, HttpServletResponse response) {
        if (DashboardSecurityConfiguration.isHtmx(request)) {
            response.setHeader("HX-Redirect", DashboardSecurityConfiguration.LOGIN_START);
            return "dashboard/fragments :: empty";
        }
        return "redirect:" + DashboardSecurityConfiguration.LOGIN_START;
    }
}
