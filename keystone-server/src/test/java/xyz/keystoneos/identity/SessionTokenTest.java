package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/** Session tokens ({@code /v1/sessions}): minted by M2M clients for browsers, scoped down, revocable at once. */
class SessionTokenTest extends IntegrationTest {

    private TestPlatform platform;
    private String token;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    @Test
    void aSessionTokenCarriesTheDefaultInstructionScopesForAnHour() {
        ApiResponse created = api.post("/v1/sessions", token, "{}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("token_type")).isEqualTo("Bearer");
        assertThat(created.body().get("expires_in").asInt()).isEqualTo(3600);
        assertThat(created.body().get("scopes").toString())
                .isEqualTo("[\"instructions:read\",\"instructions:write\"]");
        String session = created.text("access_token");

        assertThat(api.get("/v1/instructions", session).status()).isEqualTo(200);
        ApiResponse outOfScope = api.get("/v1/platforms/me/webhooks", session);
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.rawBody()).contains(Scopes.WEBHOOKS_MANAGE);

        ApiResponse shown = api.get("/v1/sessions/" + created.text("id"), token);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.rawBody()).doesNotContain("access_token");
    }

    @Test
    void aSessionCannotCarryAScopeTheCallerDoesNotHold() {
        TestPlatform limited = newPlatform(Set.of(Scopes.INSTRUCTIONS_READ));

        ApiResponse refused = api.post("/v1/sessions", tokenFor(limited),
                "{\"scopes\": [\"instructions:read\", \"settlements:write\"]}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("scope_not_held");
        assertThat(refused.rawBody()).contains("settlements:write");
    }

    @Test
    void lifetimeAndScopesAreChecked() {
        ApiResponse tooShort = api.post("/v1/sessions", token, "{\"expires_in_seconds\": 59}");
        ApiResponse tooLong = api.post("/v1/sessions", token, "{\"expires_in_seconds\": 86401}");
        ApiResponse unknown = api.post("/v1/sessions", token, "{\"scopes\": [\"admin\"]}");

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooShort.body().get("errors").get(0).get("field").asString()).isEqualTo("expires_in_seconds");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(api.post("/v1/sessions", token, "{\"expires_in_seconds\": 60}").body().get("expires_in").asInt())
                .isEqualTo(60);
    }

    @Test
    void aRevokedSessionIsRefusedOnTheNextRequest() {
        ApiResponse created = api.post("/v1/sessions", token, "{}");
        String session = created.text("access_token");
        assertThat(api.get("/v1/instructions", session).status()).isEqualTo(200);

        assertThat(api.delete("/v1/sessions/" + created.text("id"), token).status()).isEqualTo(204);

        ApiResponse refused = api.get("/v1/instructions", session);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("session_revoked");
        assertThat(api.get("/v1/sessions/" + created.text("id"), token).text("revoked_at")).isNotNull();
    }

    @Test
    void revokingTheClientRevokesTheSessionsItMinted() {
        String session = api.post("/v1/sessions", token, "{}").text("access_token");

        onboarding.revokeClient(platform.clientId());

        assertThat(api.get("/v1/instructions", session).code()).isEqualTo("session_revoked");
    }

    @Test
    void aSessionTokenCannotMintSessionsButCanEndItself() {
        ApiResponse created = api.post("/v1/sessions", token, "{}");
        String session = created.text("access_token");

        ApiResponse refused = api.post("/v1/sessions", session, "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("session_not_allowed");

        assertThat(api.delete("/v1/sessions/" + created.text("id"), session).status()).isEqualTo(204);
        assertThat(api.get("/v1/instructions", session).status()).isEqualTo(401);
    }

    @Test
    void aSessionLimitedToSomeSettlementsIsRefusedOthers() {
        TestPlatform counterparty = newPlatform();
        SettlementFlows flows = new SettlementFlows(api);
        String allowed = flows.matchedSettlement(token, tokenFor(counterparty));
        String other = flows.matchedSettlement(token, tokenFor(counterparty));
        String session = api.post("/v1/sessions", token, "{\"scopes\": [\"settlements:read\"], \"settlement_ids\": [\""
                + allowed + "\"]}").text("access_token");

        assertThat(api.get("/v1/settlements/" + allowed, session).status()).isEqualTo(200);
        ApiResponse refused = api.get("/v1/settlements/" + other, session);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("settlement_not_in_session");
        assertThat(api.get("/v1/settlements/" + other + "/events", session).status()).isEqualTo(403);
        ApiResponse list = api.get("/v1/settlements", session);
        assertThat(list.body().get("total").asInt()).isEqualTo(1);
        assertThat(list.body().get("items").get(0).get("id").asString()).isEqualTo(allowed);
    }

    @Test
    void anotherEnvironmentsSessionIsNotFound() {
        String id = api.post("/v1/sessions", token, "{}").text("id");

        ApiResponse hidden = api.get("/v1/sessions/" + id, tokenFor(newPlatform()));

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(api.delete("/v1/sessions/" + UUID.randomUUID(), token).status()).isEqualTo(404);
    }
}
