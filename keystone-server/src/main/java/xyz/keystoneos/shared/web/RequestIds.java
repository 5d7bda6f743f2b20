package xyz.keystoneos.shared.web;

import org.slf4j.MDC;

/** Access to the current request's id (also in the logging MDC as {@code request_id}). */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";

    private RequestIds() {
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
