package xyz.keystoneos.sdk;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Clients and JSON bodies shared by the SDK unit tests. */
final class Fixtures {

    static final String SETTLEMENT_ID = "6f1f2c1e-0000-4000-8000-000000000001";

    static final String SETTLEMENT_JSON = """
            {"id":"%s","platform_id":"p1","environment_id":"e1","template_id":"t1","template_slug":"dvp-standard",
             "template_version":1,"settlement_type":"cross_platform","state":"AWAITING_DEPOSITS","version":4,
             "timeout_at":"2030-01-01T00:00:00Z","created_at":"2026-01-01T10:00:00Z","updated_at":"2026-01-01T10:00:05Z",
             "parties":[{"id":"pa1","role":"seller","name":"Acme","wallet_address":"0x11","chain_id":11155111,
                         "status":"cleared","compliance_checks":[{"check":"entity","provider":"sanctions_list",
                         "outcome":"pass","reference":"r1","checked_at":"2026-01-01T10:00:01Z"}]}],
             "legs":[{"id":"l1","leg_index":0,"leg_type":"asset_delivery","instrument_id":"BOND-2026-A",
                      "chain_id":11155111,"token_standard":"ERC-20","quantity":"1000000000000000000000.000000000000000001",
                      "direction":"deliver","party_role":"seller","status":"pending",
                      "deposit":{"escrow_address":"0xe","chain_id":11155111,"leg_index":0,"deposit_key":"0xk",
                                 "deposit_secret":"0xs","calldata":"0xc","status":"pending"}}]}
            """.formatted(SETTLEMENT_ID);

    private Fixtures() {
    }

    /** Retries with tiny delays so tests run fast. */
    static RetryConfig fastRetry() {
        return RetryConfig.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(5)).build();
    }

    static KeystoneClient.Builder builder(StubServer server) {
        return KeystoneClient.builder().clientId("ksc_test").clientSecret("kss_secret").baseUrl(server.url())
                .authDomain(server.url()).retry(fastRetry()).timeout(Duration.ofSeconds(5));
    }

    /** A sync client of {@link #builder(StubServer)}, closed with the server. */
    static KeystoneSyncClient syncClient(StubServer server) {
        return server.closeWith(builder(server).buildSync());
    }

    static KeystoneClient client(StubServer server) {
        return builder(server).build();
    }

    /** A jitter source that always picks (almost) the full backoff. */
    static RandomGenerator fullJitter() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public double nextDouble() {
                return 0.999;
            }
        };
    }

    static String page(String itemsJson, int total, int limit, int offset) {
        return "{\"items\":[" + itemsJson + "],\"total\":" + total + ",\"limit\":" + limit + ",\"offset\":" + offset
                + "}";
    }
}
