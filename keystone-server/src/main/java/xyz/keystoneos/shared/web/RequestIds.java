package xyz.keystoneos.shared.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Access to the current request's id (also in the logging MDC as {@code request_id}). */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    /** The request's id as a request attribute, so an error dispatch to {@code /error} keeps it. */
    static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** The caller's {@code X-Request-Id} when it is a sane token, else a new {@code req_…}. */
    static String choose(String supplied) {
        return supplied != null && ACCEPTABLE.matcher(supplied).matches()
                ? supplied
                : "req_" + UUID.randomUUID().toString().replace("-", "");
    }
}
