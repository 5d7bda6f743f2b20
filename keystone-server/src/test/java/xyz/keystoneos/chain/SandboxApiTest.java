package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.chain.ChainFixtures.SEPOLIA;
import static xyz.keystoneos.chain.ChainFixtures.leg;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** The {@code /v1/sandbox} endpoints over real HTTP with real tokens. */
class SandboxApiTest extends IntegrationTest {

    @Autowired
    ChainGateway gateway;

    @Autowired
    JdbcClient jdbc;

    private TestPlatform platform;
    private String token;
    private String wallet;
    private String instrument;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
        wallet = ChainFixtures.wallet();
        instrument = ChainFixtures.instrument("BOND");
    }

    private ApiResponse faucet(Map<String, Object> body) {
        return api.post("/v1/sandbox/faucet", token, Api.json(body));
    }

    private ApiResponse balance(String wallet, String instrument) {
        return api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id=" + instrument, token);
    }

    private ApiResponse deposit(UUID settlementId, int legIndex, String secret, String token) {
        return api.post("/v1/sandbox/settlements/" + settlementId + "/legs/" + legIndex + "/deposit", token,
                Api.json(Map.of("deposit_secret", secret)));
    }

    @Test
    void faucetMintsOnSepoliaByDefaultAndAnswersTheNewBalance() {
        ApiResponse first = faucet(Map.of("wallet_address", wallet, "instrument_id", instrument,
                "quantity", "1000.25"));
        ApiResponse second = faucet(Map.of("wallet_address", wallet, "instrument_id", instrument,
                "quantity", "0.75"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.text("wallet_address")).isEqualTo(wallet);
        assertThat(first.text("instrument_id")).isEqualTo(instrument);
        assertThat(first.body().get("chain_id").asLong()).isEqualTo(SEPOLIA);
        assertThat(first.text("balance")).isEqualTo("1000.25");
        assertThat(second.text("balance")).isEqualTo("1001");
        ApiResponse read = balance(wallet, instrument);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("balance")).isEqualTo("1001");
        assertThat(read.body().get("chain_id").asLong()).isEqualTo(SEPOLIA);
    }

    @Test
    void balancesAreKeptPerChain() {
        faucet(Map.of("wallet_address", wallet, "instrument_id", instrument, "quantity", "5", "chain_id", 1));

        ApiResponse mainnet = api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id="
                + instrument + "&chain_id=1", token);

        assertThat(mainnet.text("balance")).isEqualTo("5");
        assertThat(mainnet.body().get("chain_id").asLong()).isEqualTo(1);
        assertThat(balance(wallet, instrument).text("balance")).isEqualTo("0");
    }

    @Test
    void checksummedWalletsAnswerInLowerCase() {
        ApiResponse response = faucet(Map.of("wallet_address", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "instrument_id", instrument, "quantity", "3"));

        assertThat(response.text("wallet_address")).isEqualTo("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
        assertThat(balance("0xFB6916095CA1DF60BB79CE92CE3EA74C37C5D359", instrument).text("balance"))
                .isEqualTo("3");
    }

    @Test
    void faucetNamesEveryInvalidField() {
        ApiResponse missing = faucet(Map.of());
        ApiResponse badChecksum = faucet(Map.of("wallet_address", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d35A",
                "instrument_id", instrument, "quantity", "1"));
        ApiResponse zero = faucet(Map.of("wallet_address", wallet, "instrument_id", instrument, "quantity", "0"));
        ApiResponse negative = faucet(Map.of("wallet_address", wallet, "instrument_id", instrument,
                "quantity", "-1"));
        ApiResponse badChain = faucet(Map.of("wallet_address", wallet, "instrument_id", instrument,
                "quantity", "1", "chain_id", 0));

        assertValidationFailed(missing, "wallet_address", "instrument_id", "quantity");
        assertValidationFailed(badChecksum, "wallet_address");
        assertThat(badChecksum.rawBody()).contains("EIP-55");
        assertValidationFailed(zero, "quantity");
        assertValidationFailed(negative, "quantity");
        assertValidationFailed(badChain, "chain_id");
    }

    @Test
    void balanceNeedsAValidWalletAndAnInstrument() {
        assertValidationFailed(balance("0x1234", instrument), "wallet_address");
        assertValidationFailed(api.get("/v1/sandbox/balances?wallet_address=" + wallet, token), "instrument_id");
    }

    @Test
    void depositThroughTheApiMovesTheBalanceIntoEscrow() {
        String recipient = ChainFixtures.wallet();
        UUID settlementId = UUID.randomUUID();
        List<DepositInstructions> legs = gateway.openEscrow(settlementId, List.of(
                leg(0, instrument, "40", wallet, recipient, platform),
                leg(1, instrument, "2", recipient, wallet, platform)));
        faucet(Map.of("wallet_address", wallet, "instrument_id", instrument, "quantity", "50"));

        ApiResponse response = deposit(settlementId, 0, legs.get(0).depositSecret(), token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("settlement_id")).isEqualTo(settlementId.toString());
        assertThat(response.body().get("leg_index").asInt()).isZero();
        assertThat(response.text("status")).isEqualTo("deposited");
        assertThat(response.body().get("all_deposited").asBoolean()).isFalse();
        assertThat(balance(wallet, instrument).text("balance")).isEqualTo("10");
        assertThat(deposit(settlementId, 0, legs.get(0).depositSecret(), token).code())
                .isEqualTo("leg_already_deposited");
    }

    @Test
    void depositRefusalsCarryStableCodes() {
        UUID settlementId = UUID.randomUUID();
        List<DepositInstructions> legs = gateway.openEscrow(settlementId, List.of(
                leg(0, instrument, "40", wallet, ChainFixtures.wallet(), platform)));
        faucet(Map.of("wallet_address", wallet, "instrument_id", instrument, "quantity", "10"));
        String otherSecret = DepositSecretsForTests.random();

        ApiResponse wrongSecret = deposit(settlementId, 0, otherSecret, token);
        ApiResponse insufficient = deposit(settlementId, 0, legs.getFirst().depositSecret(), token);
        ApiResponse malformed = deposit(settlementId, 0, "0x1234", token);
        ApiResponse unknownLeg = deposit(settlementId, 3, legs.getFirst().depositSecret(), token);

        assertThat(wrongSecret.status()).isEqualTo(422);
        assertThat(wrongSecret.code()).isEqualTo("invalid_deposit_secret");
        assertThat(insufficient.status()).isEqualTo(422);
        assertThat(insufficient.code()).isEqualTo("insufficient_balance");
        assertThat(insufficient.text("detail")).contains("holds 10").contains("needs 40");
        assertThat(insufficient.text("available")).isEqualTo("10");
        assertValidationFailed(malformed, "deposit_secret");
        assertThat(unknownLeg.status()).isEqualTo(404);
        assertThat(unknownLeg.code()).isEqualTo("leg_not_found");
    }

    @Test
    void anotherTenantsLegIsNotFoundEvenWithItsSecret() {
        UUID settlementId = UUID.randomUUID();
        List<DepositInstructions> legs = gateway.openEscrow(settlementId, List.of(
                leg(0, instrument, "1", wallet, ChainFixtures.wallet(), platform)));
        faucet(Map.of("wallet_address", wallet, "instrument_id", instrument, "quantity", "1"));
        TestPlatform stranger = newPlatform();

        ApiResponse response = deposit(settlementId, 0, legs.getFirst().depositSecret(), tokenFor(stranger));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("leg_not_found");
        assertThat(response.rawBody()).doesNotContain(wallet);
        assertThat(balance(wallet, instrument).text("balance")).isEqualTo("1");
    }

    @Test
    void productionEnvironmentsGetSandboxOnly() {
        UUID production = UUID.randomUUID();
        jdbc.sql("""
                insert into environments (id, platform_id, name, slug, kind, api_version)
                values (:id, :platform, 'Production', 'production', 'production', :version)""")
                .param("id", production).param("platform", platform.platformId())
                .param("version", PlatformOnboarding.CURRENT_API_VERSION).update();
        ClientCredentials client = onboarding.createClient(platform.platformId(), production, "live",
                Scopes.PLATFORM);
        String live = api.token(client.clientId(), client.clientSecret());

        ApiResponse faucet = api.post("/v1/sandbox/faucet", live, Api.json(Map.of("wallet_address", wallet,
                "instrument_id", instrument, "quantity", "1")));
        ApiResponse read = api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id="
                + instrument, live);
        ApiResponse deposit = deposit(UUID.randomUUID(), 0, DepositSecretsForTests.random(), live);

        for (ApiResponse response : List.of(faucet, read, deposit)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("sandbox_only");
        }
    }

    @Test
    void writingNeedsSettlementsWriteAndReadingSettlementsRead() {
        TestPlatform reader = newPlatform(Set.of(Scopes.SETTLEMENTS_READ));
        TestPlatform templatesOnly = newPlatform(Set.of(Scopes.TEMPLATES_READ));

        ApiResponse faucet = api.post("/v1/sandbox/faucet", tokenFor(reader), Api.json(Map.of(
                "wallet_address", wallet, "instrument_id", instrument, "quantity", "1")));
        ApiResponse read = api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id="
                + instrument, tokenFor(reader));
        ApiResponse denied = api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id="
                + instrument, tokenFor(templatesOnly));

        assertThat(faucet.status()).isEqualTo(403);
        assertThat(faucet.text("required_scope")).isEqualTo(Scopes.SETTLEMENTS_WRITE);
        assertThat(read.status()).isEqualTo(200);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text("required_scope")).isEqualTo(Scopes.SETTLEMENTS_READ);
    }

    private static void assertValidationFailed(ApiResponse response, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        List<String> named = response.body().get("errors").valueStream()
                .map(error -> error.get("field").asString()).toList();
        assertThat(named).contains(fields);
    }
}
