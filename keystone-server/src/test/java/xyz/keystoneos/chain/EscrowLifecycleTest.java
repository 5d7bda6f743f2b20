package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static xyz.keystoneos.chain.ChainFixtures.SEPOLIA;
import static xyz.keystoneos.chain.ChainFixtures.leg;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** Open, deposit, release and refund through the Spring beans, as the settlement engine and sandbox use them. */
@RecordApplicationEvents
class EscrowLifecycleTest extends IntegrationTest {

    @Autowired
    ChainGateway gateway;

    @Autowired
    SandboxLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private TestPlatform seller;
    private TestPlatform buyer;
    private String sellerWallet;
    private String buyerWallet;
    private String bond;
    private String cash;
    private UUID settlementId;

    @BeforeEach
    void parties() {
        seller = newPlatform();
        buyer = newPlatform();
        sellerWallet = ChainFixtures.wallet();
        buyerWallet = ChainFixtures.wallet();
        bond = ChainFixtures.instrument("BOND");
        cash = ChainFixtures.instrument("USDC");
        settlementId = UUID.randomUUID();
    }

    private List<DepositInstructions> openDvp() {
        return gateway.openEscrow(settlementId, List.of(
                leg(0, bond, "100", sellerWallet, buyerWallet, seller),
                leg(1, cash, "2500.50", buyerWallet, sellerWallet, buyer)));
    }

    private void fund() {
        ledger.faucet(SEPOLIA, bond, sellerWallet, Quantity.parse("100"));
        ledger.faucet(SEPOLIA, cash, buyerWallet, Quantity.parse("3000"));
    }

    private LegDeposited deposit(DepositInstructions leg, TestPlatform owner) {
        return ledger.deposit(settlementId, leg.legIndex(), leg.depositSecret(), owner.environmentId(),
                "m2m:" + owner.clientId());
    }

    private BigDecimal balance(String instrument, String wallet) {
        return ledger.balance(SEPOLIA, instrument, wallet);
    }

    @Test
    void openingEscrowGivesEachLegAFreshSecretWhoseKeccakIsTheDepositKey() {
        List<DepositInstructions> legs = openDvp();

        assertThat(legs).extracting(DepositInstructions::legIndex).containsExactly(0, 1);
        assertThat(legs).allSatisfy(leg -> {
            assertThat(leg.status()).isEqualTo(DepositStatus.PENDING);
            assertThat(leg.depositSecret()).matches("0x[0-9a-f]{64}");
            assertThat(leg.depositKey()).isEqualTo(Keccak.keccak256Hex(Hex.decode(leg.depositSecret())));
            assertThat(leg.escrowAddress()).isEqualTo("0x1cc9a6e30fae226c14c0289cdc86b485c0f81978");
            assertThat(leg.chainId()).isEqualTo(SEPOLIA);
            assertThat(leg.calldata()).startsWith("0x4f6ebfb8").endsWith(leg.depositSecret().substring(2));
        });
        assertThat(legs.get(0).depositSecret()).isNotEqualTo(legs.get(1).depositSecret());
        assertThat(legs.get(0).owningEnvironmentId()).isEqualTo(seller.environmentId());
        assertThat(legs.get(1).owningPlatformId()).isEqualTo(buyer.platformId());
    }

    @Test
    void openingEscrowAgainReturnsTheFirstLegsAndIgnoresTheNewList() {
        List<DepositInstructions> first = openDvp();

        List<DepositInstructions> second = gateway.openEscrow(settlementId,
                List.of(leg(5, bond, "1", buyerWallet, sellerWallet, buyer)));

        assertThat(second).isEqualTo(first);
        assertThat(gateway.depositInstructions(settlementId)).isEqualTo(first);
    }

    @Test
    void knowsNothingOfASettlementWithoutEscrow() {
        UUID unknown = UUID.randomUUID();

        assertThat(gateway.depositInstructions(unknown)).isEmpty();
        assertThat(gateway.allDeposited(unknown)).isFalse();
        gateway.refund(unknown);
        assertThatIllegalStateException().isThrownBy(() -> gateway.release(unknown));
    }

    @Test
    void refusesMalformedLegsWhenOpening() {
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.openEscrow(settlementId, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.openEscrow(settlementId, List.of(
                leg(0, bond, "1", sellerWallet, buyerWallet, seller),
                leg(0, cash, "1", buyerWallet, sellerWallet, buyer))));
        assertThatIllegalArgumentException().isThrownBy(() -> gateway.openEscrow(settlementId, List.of(
                leg(0, bond, "1", "0xnot-a-wallet", buyerWallet, seller))));
        assertThat(gateway.depositInstructions(settlementId)).isEmpty();
    }

    @Test
    void normalisesChecksummedWalletsWhenOpening() {
        List<DepositInstructions> legs = gateway.openEscrow(settlementId, List.of(leg(0, bond, "1",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", buyerWallet, seller)));
        ledger.faucet(SEPOLIA, bond, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", Quantity.parse("1"));

        deposit(legs.getFirst(), seller);

        assertThat(balance(bond, "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")).isZero();
    }

    @Test
    void depositMovesTheQuantityIntoEscrowAndPublishesLegDeposited() {
        List<DepositInstructions> legs = openDvp();
        fund();

        LegDeposited first = deposit(legs.get(0), seller);

        assertThat(first).isEqualTo(new LegDeposited(settlementId, 0, false, "m2m:" + seller.clientId()));
        assertThat(balance(bond, sellerWallet)).isZero();
        assertThat(gateway.depositInstructions(settlementId)).extracting(DepositInstructions::status)
                .containsExactly(DepositStatus.DEPOSITED, DepositStatus.PENDING);
        assertThat(gateway.allDeposited(settlementId)).isFalse();

        LegDeposited second = deposit(legs.get(1), buyer);

        assertThat(second.allDeposited()).isTrue();
        assertThat(balance(cash, buyerWallet)).isEqualByComparingTo("499.50");
        assertThat(gateway.allDeposited(settlementId)).isTrue();
        assertThat(events.stream(LegDeposited.class)).containsExactly(first, second);
    }

    @Test
    void releaseDeliversEveryLegToItsRecipientOnceAndOnlyOnce() {
        List<DepositInstructions> legs = openDvp();
        fund();
        deposit(legs.get(0), seller);
        deposit(legs.get(1), buyer);

        gateway.release(settlementId);
        gateway.release(settlementId);

        assertThat(balance(bond, buyerWallet)).isEqualByComparingTo("100");
        assertThat(balance(cash, sellerWallet)).isEqualByComparingTo("2500.50");
        assertThat(balance(cash, buyerWallet)).isEqualByComparingTo("499.50");
        assertThat(gateway.depositInstructions(settlementId)).extracting(DepositInstructions::status)
                .containsOnly(DepositStatus.RELEASED);
        assertThat(gateway.allDeposited(settlementId)).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> gateway.refund(settlementId))
                .withMessageContaining("already released");
    }

    @Test
    void releaseIsRefusedUntilEveryLegIsDepositedAndChangesNothing() {
        List<DepositInstructions> legs = openDvp();
        fund();
        deposit(legs.get(0), seller);

        assertThatIllegalStateException().isThrownBy(() -> gateway.release(settlementId))
                .withMessageContaining("1 (pending)");

        assertThat(balance(bond, buyerWallet)).isZero();
        assertThat(gateway.depositInstructions(settlementId)).extracting(DepositInstructions::status)
                .containsExactly(DepositStatus.DEPOSITED, DepositStatus.PENDING);
    }

    @Test
    void refundReturnsDepositsClosesPendingLegsAndIsIdempotent() {
        List<DepositInstructions> legs = openDvp();
        fund();
        deposit(legs.get(0), seller);

        gateway.refund(settlementId);
        gateway.refund(settlementId);

        assertThat(balance(bond, sellerWallet)).isEqualByComparingTo("100");
        assertThat(balance(cash, buyerWallet)).isEqualByComparingTo("3000");
        assertThat(gateway.depositInstructions(settlementId)).extracting(DepositInstructions::status)
                .containsOnly(DepositStatus.REFUNDED);
        assertThat(gateway.allDeposited(settlementId)).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> gateway.release(settlementId));
        assertApiError(() -> deposit(legs.get(1), buyer), 409, "escrow_closed");
    }

    @Test
    void wrongSecretIsRefusedAndMovesNothing() {
        List<DepositInstructions> legs = openDvp();
        fund();

        assertApiError(() -> ledger.deposit(settlementId, 0, legs.get(1).depositSecret(), seller.environmentId(),
                "m2m:x"), 422, "invalid_deposit_secret");
        assertApiError(() -> ledger.deposit(settlementId, 0, "not a secret", seller.environmentId(), "m2m:x"),
                422, "invalid_deposit_secret");

        assertThat(balance(bond, sellerWallet)).isEqualByComparingTo("100");
        assertThat(events.stream(LegDeposited.class)).isEmpty();
    }

    @Test
    void secondDepositOfALegIsAConflict() {
        List<DepositInstructions> legs = openDvp();
        ledger.faucet(SEPOLIA, bond, sellerWallet, Quantity.parse("500"));
        deposit(legs.get(0), seller);

        assertApiError(() -> deposit(legs.get(0), seller), 409, "leg_already_deposited");

        assertThat(balance(bond, sellerWallet)).isEqualByComparingTo("400");
    }

    @Test
    void depositBeyondTheBalanceSaysHowMuchIsAvailable() {
        List<DepositInstructions> legs = openDvp();
        ledger.faucet(SEPOLIA, bond, sellerWallet, Quantity.parse("99.5"));

        ApiException refused = assertApiError(() -> deposit(legs.get(0), seller), 422, "insufficient_balance");

        assertThat(refused.getMessage()).contains("holds 99.5").contains("needs 100");
        assertThat(refused.members()).containsEntry("available", "99.5").containsEntry("required", "100");
        assertThat(balance(bond, sellerWallet)).isEqualByComparingTo("99.5");
    }

    @Test
    void anotherEnvironmentCannotSeeOrDepositTheLeg() {
        List<DepositInstructions> legs = openDvp();
        fund();

        assertApiError(() -> ledger.deposit(settlementId, 0, legs.get(0).depositSecret(), buyer.environmentId(),
                "m2m:" + buyer.clientId()), 404, "leg_not_found");
        assertApiError(() -> ledger.deposit(settlementId, 9, legs.get(0).depositSecret(), seller.environmentId(),
                "m2m:" + seller.clientId()), 404, "leg_not_found");
        assertThat(balance(bond, sellerWallet)).isEqualByComparingTo("100");
    }

    @Test
    void journalRecordsEveryMovementAndCannotBeRewritten() {
        List<DepositInstructions> legs = openDvp();
        fund();
        deposit(legs.get(0), seller);
        deposit(legs.get(1), buyer);
        gateway.release(settlementId);

        List<String> kinds = jdbc.sql("""
                select kind || ':' || leg_index from chain_ledger_entries
                where settlement_id = :id order by id""").param("id", settlementId).query(String.class).list();
        assertThat(kinds).containsExactly("deposit:0", "deposit:1", "release:0", "release:1");
        String depositedBy = jdbc.sql("""
                select triggered_by from chain_ledger_entries
                where settlement_id = :id and kind = 'deposit' and leg_index = 0""")
                .param("id", settlementId).query(String.class).single();
        assertThat(depositedBy).isEqualTo("m2m:" + seller.clientId());
        assertThatThrownBy(() -> jdbc.sql("delete from chain_ledger_entries where settlement_id = :id")
                .param("id", settlementId).update()).hasMessageContaining("append-only");
    }

    private static ApiException assertApiError(Runnable call, int status, String code) {
        ApiException error = catchThrowableOfType(ApiException.class, call::run);
        assertThat(error).as("expected %s %s", status, code).isNotNull();
        assertThat(error.status().value()).isEqualTo(status);
        assertThat(error.code()).isEqualTo(code);
        return error;
    }
}
