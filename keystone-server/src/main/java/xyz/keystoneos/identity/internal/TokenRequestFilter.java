package xyz.keystoneos.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * Prepares {@code POST /oauth/token} requests for Spring's authorization server, which speaks the OAuth2 form
 * encoding only:
 * <ul>
 * <li>accepts the Auth0-style JSON body as well as the standard form body (both carry the same parameters);</li>
 * <li>checks {@code audience}: absent means the configured audience, anything else is refused with 403;</li>
 * <li>without a {@code scope} parameter, asks for every scope the client holds (as Auth0 does).</li>
 * </ul>
 * Client authentication, grant checks and token minting stay with the authorization server.
 */
class TokenRequestFilter extends OncePerRequestFilter {

    static final String TOKEN_PATH = "/oauth/token";

    private final JsonMapper jsonMapper;
    private final IdentityRepository identities;
    private final KeystoneAuthProperties properties;
    private final TokenErrorResponses errors;
    private final ProblemWriter problems;

    TokenRequestFilter(JsonMapper jsonMapper, IdentityRepository identities, KeystoneAuthProperties properties,
            TokenErrorResponses errors, ProblemWriter problems) {
        this.jsonMapper = jsonMapper;
        this.identities = identities;
        this.properties = properties;
        this.errors = errors;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && TOKEN_PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MediaType contentType = contentType(request);
        Map<String, String[]> parameters;
        if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            Optional<Map<String, String[]>> parsed = jsonParameters(request, response);
            if (parsed.isEmpty()) {
                return;
            }
            parameters = parsed.get();
        } else if (contentType != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)) {
            parameters = new LinkedHashMap<>(request.getParameterMap());
        } else {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Send the token request as application/json or application/x-www-form-urlencoded");
            return;
        }
        String audience = single(parameters, "audience");
        if (audience != null && !audience.equals(properties.audience())) {
            errors.write(response, TokenErrorResponses.INVALID_AUDIENCE,
                    "Unknown audience '" + audience + "'; this issuer issues tokens for '"
                            + properties.audience() + "'");
            return;
        }
        if (!parameters.containsKey("scope")) {
            clientId(request, parameters)
                    .flatMap(identities::findClient)
                    .filter(client -> !client.revoked())
                    .ifPresent(client -> parameters.put("scope",
                            new String[] {String.join(" ", client.scopes())}));
        }
        chain.doFilter(new FormParameters(request, parameters), response);
    }

    private Optional<Map<String, String[]>> jsonParameters(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        JsonNode body;
        try {
            body = jsonMapper.readTree(request.getInputStream());
        } catch (JacksonException e) {
            errors.write(response, "invalid_request", "The token request body is not valid JSON");
            return Optional.empty();
        }
        if (body == null || !body.isObject()) {
            errors.write(response, "invalid_request", "The token request body must be a JSON object");
            return Optional.empty();
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getValue().isString()) {
                errors.write(response, "invalid_request", "The token request field '" + field.getKey()
                        + "' must be a string");
                return Optional.empty();
            }
            parameters.put(field.getKey(), new String[] {field.getValue().asString()});
        }
        return Optional.of(parameters);
    }

    private static Optional<String> clientId(HttpServletRequest request, Map<String, String[]> parameters) {
        String fromBody = single(parameters, "client_id");
        if (fromBody != null) {
            return Optional.of(fromBody);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(java.net.URLDecoder.decode(decoded.substring(0, colon),
                            StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The request as the authorization server should see it: form parameters only, no query string. */
    private static final class FormParameters extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        FormParameters(HttpServletRequest request, Map<String, String[]> parameters) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        @Override
        public String getParameter(String name) {
            return single(parameters, name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        }
    }
}
