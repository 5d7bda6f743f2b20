package xyz.keystoneos.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;

/** {@code /actuator/prometheus} as a scraper on the node's own network sees it (loopback is allowed by default). */
class MetricsTest extends IntegrationTest {

    private ApiResponse scrape() {
        ApiResponse answer = api.get("/actuator/prometheus", null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    @Test
    void aScrapeFromLoopbackNeedsNoTokenAndShowsEveryKeystoneMeter() {
        ApiResponse answer = scrape();

        assertThat(answer.contentType()).startsWith("text/plain");
        assertThat(answer.rawBody()).contains("keystone_engine_jobs_due ", "keystone_webhook_deliveries_pending ",
                "keystone_chain_commands_pending ", "keystone_webhook_deliveries_total{outcome=\"succeeded\"}",
                "keystone_webhook_deliveries_total{outcome=\"failed_attempt\"}",
                "keystone_webhook_deliveries_total{outcome=\"failed\"}", "keystone_webhook_delivery_lag_seconds_count");
    }

    @Test
    void requestMetricsNameTheRouteNeverTheIdAndHaveLatencyBuckets() {
        String missing = UUID.randomUUID().toString();
        String token = tokenFor(newPlatform());
        assertThat(api.get("/v1/settlements/" + missing, token).status()).isEqualTo(404);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);

        String metrics = scrape().rawBody();

        assertThat(metrics).contains("http_server_requests_seconds_count{", "uri=\"/v1/settlements/{id}\"")
                .doesNotContain(missing);
        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{")))
                .anyMatch(line -> line.contains("uri=\"/v1/settlements/{id}\"") && line.contains("le=\"0.25\""));
    }

    @Test
    void healthStaysOpen() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }
}
