package xyz.keystoneos.dashboard.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the dashboard reaches the API and the issuer. By default the server's own port on loopback
 * ({@code http://127.0.0.1:<port>}); {@code keystone.dashboard.api-base-url} overrides it (e.g. when the server
 * listens on TLS only). The authorization endpoint is the one URL the browser visits, so by default it is relative
 * to the origin the browser uses.
 */
@Component
class DashboardEndpoints {

    private final Environment environment;
    private final String configuredApiBaseUrl;
    private final String authorizationUri;

    DashboardEndpoints(Environment environment,
            @Value("${keystone.dashboard.api-base-url:}") String configuredApiBaseUrl,
            @Value("${keystone.dashboard.authorization-uri:/oauth2/authorize}") String authorizationUri) {
        this.environment = environment;
        this.configuredApiBaseUrl = configuredApiBaseUrl;
        this.authorizationUri = authorizationUri;
    }

    String apiBaseUrl() {
        if (configuredApiBaseUrl != null && !configuredApiBaseUrl.isBlank()) {
            return configuredApiBaseUrl.endsWith("/")
                    ? configuredApiBaseUrl.substring(0, configuredApiBaseUrl.length() - 1) : configuredApiBaseUrl;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://127.0.0.1:" + port;
    }

    String authorizationUri() {
        return authorizationUri;
    }
}
