package xyz.keystoneos.sdkcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.examples.TwoPlatformDvp;
import xyz.keystoneos.sdk.ConflictException;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.NotFoundException;
import xyz.keystoneos.sdk.ValidationException;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.DepositResult;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionListParams;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.InstructionStatus;
import xyz.keystoneos.sdk.model.LegInput;
import xyz.keystoneos.sdk.model.LegStatus;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.PartyInput;
import xyz.keystoneos.sdk.model.PartyStatus;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementEvent;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SettlementType;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;
import xyz.keystoneos.support.TestPlatform;

/** Instructions, settlements, compliance and the sandbox through the SDK against the real server. */
class SettlementsContractTest extends SdkContractTest {

    private TestPlatform acme;
    private TestPlatform beta;
    private KeystoneSyncClient seller;
    private KeystoneSyncClient buyer;
    private String sellerWallet;
    private String buyerWallet;

    @BeforeEach
    void platforms() {
        acme = newPlatform();
        beta = newPlatform();
        seller = sync(acme);
        buyer = sync(beta);
        sellerWallet = wallet();
        buyerWallet = wallet();
    }

    private String matched(String template, String sellerName, String buyerName) {
        Instruction sell = seller.instructions().submit(sell(template, sellerName, sellerWallet));
        assertThat(sell.status()).isEqualTo(InstructionStatus.PENDING_MATCH);
        assertThat(sell.tradeReference()).startsWith("KS-");
        Instruction buy = buyer.instructions().submit(buy(template, sell.tradeReference(), buyerName, buyerWallet));
        assertThat(buy.status()).isEqualTo(InstructionStatus.MATCHED);
        assertThat(buy.settlementId()).isNotBlank();
        return buy.settlementId();
    }

    @Test
    void twoPlatformsSettleADeliveryVersusPaymentThroughTheSyncClient() {
        seller.sandbox().faucet(sellerWallet, "BOND-2026-A", new BigDecimal("1000"));
        assertThat(buyer.sandbox().faucet(buyerWallet, "TUSDC", new BigDecimal("100000"), CHAIN).balance())
                .isEqualByComparingTo("100000");

        Instruction sell = seller.instructions().submit(sell("cross_platform_dvp", "Acme Fund A", sellerWallet));
        Instruction buy = buyer.instructions().submit(
                buy("cross_platform_dvp", sell.tradeReference(), "Beta Treasury", buyerWallet));
        String id = buy.settlementId();
        assertThat(seller.instructions().get(sell.id()).status()).isEqualTo(InstructionStatus.MATCHED);
        assertThat(seller.instructions().list(InstructionListParams.builder().tradeReference(sell.tradeReference())
                .build()).items()).extracting(Instruction::id).containsExactly(sell.id());
        assertThat(sell.legs()).extracting(InstructionLeg::quantity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1000"), new BigDecimal("99000.50"));

        Settlement awaiting = seller.settlements().awaitState(id, SettlementState.AWAITING_DEPOSITS, WAIT, POLL);
        assertThat(awaiting.state()).isEqualTo(SettlementState.AWAITING_DEPOSITS);
        assertThat(awaiting.settlementType()).isEqualTo(SettlementType.CROSS_PLATFORM);
        assertThat(awaiting.parties()).allSatisfy(p -> assertThat(p.status()).isEqualTo(PartyStatus.CLEARED));
        assertThat(awaiting.party("buyer").externalReference()).isNull();

        List<DepositResult> sellerDeposits = seller.sandbox().depositOwnLegs(seller.settlements().get(id));
        List<DepositResult> buyerDeposits = buyer.sandbox().depositOwnLegs(buyer.settlements().get(id));
        assertThat(sellerDeposits).hasSize(1);
        assertThat(buyerDeposits).singleElement().satisfies(d -> assertThat(d.allDeposited()).isTrue());

        Settlement finalized = buyer.settlements().awaitState(id, SettlementState.FINALIZED, WAIT, POLL);
        assertThat(finalized.state()).isEqualTo(SettlementState.FINALIZED);
        assertThat(finalized.legs()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LegStatus.RELEASED));
        assertThat(buyer.sandbox().balance(buyerWallet, "BOND-2026-A").balance()).isEqualByComparingTo("1000");
        assertThat(seller.sandbox().balance(sellerWallet, "TUSDC", CHAIN).balance()).isEqualByComparingTo("99000.50");

        List<SettlementEvent> events = seller.settlements().events(id);
        assertThat(events).extracting(SettlementEvent::sequence).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(events).extracting(SettlementEvent::toState).containsExactly(SettlementState.INSTRUCTED,
                SettlementState.COMPLIANCE_CHECKING, SettlementState.COMPLIANCE_CLEARED,
                SettlementState.AWAITING_DEPOSITS, SettlementState.EXECUTING_SWAP, SettlementState.FINALIZED);
        assertThat(buyer.settlements().evidence(id).valid()).isTrue();
        assertThat(seller.settlements().list(SettlementListParams.builder().state(SettlementState.FINALIZED).build())
                .items()).extracting(Settlement::id).contains(id);
    }

    @Test
    void theAsyncClientSubmitsMatchesAndReadsTheSettlement() {
        KeystoneClient asyncSeller = async(acme);
        KeystoneClient asyncBuyer = async(beta);

        String id = asyncSeller.instructions().submit(sell("dvp-standard", "Acme Fund A", sellerWallet))
                .thenCompose(sell -> asyncBuyer.instructions().submit(
                        buy("dvp-standard", sell.tradeReference(), "Beta Treasury", buyerWallet)))
                .thenApply(Instruction::settlementId)
                .join();

        Settlement settlement = asyncBuyer.settlements().get(id).join();
        assertThat(settlement.templateSlug()).isEqualTo("dvp-standard");
        assertThat(asyncSeller.settlements().events(id).join()).isNotEmpty()
                .first().satisfies(e -> assertThat(e.toState()).isEqualTo(SettlementState.INSTRUCTED));
        assertThat(asyncSeller.instructions().list().join().total()).isEqualTo(1);
        assertThat(asyncBuyer.settlements().evidence(id).join().valid()).isTrue();
    }

    private CreateSettlementRequest direct(String key, String reference) {
        return CreateSettlementRequest.builder()
                .idempotencyKey(key)
                .templateSlug("dvp-standard")
                .externalReference(reference)
                .timeoutAt(Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .party(PartyInput.builder().role("seller").externalReference("S").name("Acme Fund A")
                        .walletAddress(sellerWallet).chainId(CHAIN).build())
                .party(PartyInput.builder().role("buyer").externalReference("B").name("Acme Fund B")
                        .walletAddress(buyerWallet).chainId(CHAIN).build())
                .leg(LegInput.builder().instrumentId("BOND-2026-A").quantity("250").partyRole("seller")
                        .direction(Direction.DELIVER).build())
                .leg(LegInput.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("24750.25")
                        .partyRole("buyer").direction(Direction.DELIVER).build())
                .build();
    }

    @Test
    void aDirectSettlementIsCreatedOnceAndItsIdempotencyKeyReplaysIt() {
        String key = seller.generateIdempotencyKey("direct");
        CreateSettlementRequest request = direct(key, "TRADE-1");

        Settlement created = seller.settlements().create(request);
        Settlement replayed = seller.settlements().create(request);

        assertThat(created.settlementType()).isEqualTo(SettlementType.SINGLE_PLATFORM);
        assertThat(created.idempotencyKey()).isEqualTo(key);
        assertThat(created.externalReference()).isEqualTo("TRADE-1");
        assertThat(created.legs()).extracting(l -> l.quantity().toPlainString()).containsExactly("250", "24750.25");
        assertThat(replayed.id()).isEqualTo(created.id());
        assertThat(seller.settlements().list(SettlementListParams.builder().externalReference("TRADE-1").build())
                .total()).isEqualTo(1);

        assertThatThrownBy(() -> seller.settlements().create(direct(key, "TRADE-2")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
    }

    @Test
    void listAutoPagingWalksEveryPageNewestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, seller.settlements().create(direct(null, "PAGE-" + i)).id());
        }

        List<String> seen = new ArrayList<>();
        seller.settlements().listAutoPaging(SettlementListParams.builder().templateSlug("dvp-standard").limit(2)
                .build()).forEach(s -> seen.add(s.id()));
        List<String> seenAsync = new ArrayList<>();
        async(acme).settlements().listAutoPaging(SettlementListParams.builder().limit(3).build())
                .forEachAsync(s -> seenAsync.add(s.id())).join();

        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(seenAsync).containsExactlyElementsOf(created);
    }

    @Test
    void aFlaggedPartyIsApprovedThroughTheComplianceResource() {
        String id = matched("dvp-standard", "Acme FLAG Holdings", "Beta Treasury");
        Settlement flagged = xyz.keystoneos.support.Polling.until(() -> seller.settlements().get(id),
                s -> s.party("seller").status() == PartyStatus.FLAGGED, WAIT, "the seller to be flagged");
        assertThat(flagged.state()).isEqualTo(SettlementState.COMPLIANCE_CHECKING);

        Settlement approved = buyer.compliance().approve(id, "false positive, checked by hand");

        assertThat(approved.state()).isNotEqualTo(SettlementState.COMPLIANCE_CHECKING);
        assertThat(seller.settlements().awaitState(id, SettlementState.AWAITING_DEPOSITS, WAIT, POLL).state())
                .isEqualTo(SettlementState.AWAITING_DEPOSITS);
        SettlementEvent decision = seller.settlements().events(id).get(2);
        assertThat(decision.toState()).isEqualTo(SettlementState.COMPLIANCE_CLEARED);
        assertThat(decision.triggeredBy()).isEqualTo("m2m:" + beta.clientId());
        assertThat(decision.payload()).containsEntry("decision", "approve");

        assertThatThrownBy(() -> buyer.compliance().approve(id))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("no_compliance_review_pending"));
    }

    @Test
    void aFlaggedPartyRejectedRollsTheSettlementBack() {
        String id = matched("dvp-standard", "Acme Fund A", "Beta FLAG Partners");
        xyz.keystoneos.support.Polling.until(() -> seller.settlements().get(id),
                s -> s.party("buyer").status() == PartyStatus.FLAGGED, WAIT, "the buyer to be flagged");

        Settlement rejected = seller.compliance().reject(id, "sanctions match confirmed");

        assertThat(rejected.state()).isEqualTo(SettlementState.ROLLED_BACK);
        assertThat(rejected.isTerminal()).isTrue();
        assertThat(rejected.legs()).allSatisfy(l -> assertThat(l.status()).isEqualTo(LegStatus.ROLLED_BACK));
    }

    @Test
    void aPendingInstructionIsCancelledOnceAndThenConflicts() {
        Instruction sell = seller.instructions().submit(sell("dvp-standard", "Acme Fund A", sellerWallet));

        Instruction cancelled = seller.instructions().cancel(sell.id());

        assertThat(cancelled.status()).isEqualTo(InstructionStatus.CANCELLED);
        assertThat(seller.instructions().list(InstructionListParams.builder().status(InstructionStatus.CANCELLED)
                .build()).items()).extracting(Instruction::id).containsExactly(sell.id());
        assertThatThrownBy(() -> seller.instructions().cancel(sell.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void unknownIdsAreNotFoundWithCodeAndRequestId() {
        String random = UUID.randomUUID().toString();
        assertThatThrownBy(() -> seller.settlements().get(random))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo("settlement_not_found");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.responseBody()).contains(random);
                });
        assertThatThrownBy(() -> seller.instructions().get(random)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> seller.settlements().events(random)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> async(acme).settlements().evidence(random).join())
                .hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidFieldsComeBackAsValidationExceptionWithFieldErrors() {
        SubmitInstructionRequest badWallet = SubmitInstructionRequest.builder().templateSlug("dvp-standard")
                .role("seller").party(InstructionParty.of("REF", "Acme", "0x123", CHAIN))
                .leg(InstructionLeg.of("BOND-2026-A", "10", Direction.DELIVER))
                .timeoutAt(Instant.now().plus(Duration.ofHours(1))).build();
        assertThatThrownBy(() -> seller.instructions().submit(badWallet))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("party.wallet_address")));

        Instruction sell = seller.instructions().submit(sell("dvp-standard", "Acme Fund A", sellerWallet));
        SubmitInstructionRequest mismatch = SubmitInstructionRequest.builder().templateSlug("dvp-standard")
                .role("buyer").tradeReference(sell.tradeReference())
                .party(InstructionParty.of("B", "Beta", buyerWallet, CHAIN))
                .leg(InstructionLeg.of("BOND-2026-A", "999", Direction.RECEIVE))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
                        .direction(Direction.DELIVER).build())
                .timeoutAt(Instant.now().plus(Duration.ofHours(1))).build();
        assertThatThrownBy(() -> buyer.instructions().submit(mismatch))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("instruction_mismatch");
                    assertThat(e.fieldErrors()).isNotEmpty();
                });
    }

    @Test
    void theTwoPlatformDvpExampleRunsToFinalized() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        Settlement finalized = TwoPlatformDvp.run(seller, buyer,
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(finalized.state()).isEqualTo(SettlementState.FINALIZED);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Event timeline of " + finalized.id())
                .contains("FINALIZED").contains("Evidence chain valid: true");
    }
}
