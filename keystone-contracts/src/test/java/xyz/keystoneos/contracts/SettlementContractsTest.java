package xyz.keystoneos.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The contracts on a real ganache node: the DvP happy path and every rule — secrets, double deposits, gates,
 * registered transitions, timeouts, rollbacks, who may call what, reentrancy.
 */
class SettlementContractsTest {

    @RegisterExtension
    static final LocalEvmNode NODE = new LocalEvmNode();

    private static final BigInteger BONDS = BigInteger.valueOf(100);
    private static final BigInteger CASH = BigInteger.valueOf(5_000_000_000L); // 5000 TUSDC (6 decimals)
    private static final SecureRandom RANDOM = new SecureRandom();

    static EvmClient operator;
    static EvmClient seller;
    static EvmClient buyer;
    static EvmClient stranger;
    static KeystoneContracts contracts;
    static TestTokenContract kbond;
    static TestTokenContract tusdc;

    @BeforeAll
    static void deploy() {
        operator = NODE.client(0);
        seller = NODE.client(1);
        buyer = NODE.client(2);
        stranger = NODE.client(3);
        contracts = KeystoneContracts.deploy(operator);
        kbond = TestTokenContract.deploy(operator, "KBOND");
        tusdc = TestTokenContract.deploy(operator, "TUSDC");
        kbond.as(seller).mint(seller.address(), BigInteger.valueOf(1_000_000));
        tusdc.as(buyer).mint(buyer.address(), BigInteger.valueOf(1_000_000_000_000L));
        BigInteger unlimited = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        kbond.as(seller).approve(contracts.escrow(), unlimited);
        tusdc.as(buyer).approve(contracts.escrow(), unlimited);
    }

    @AfterAll
    static void close() {
        for (EvmClient client : new EvmClient[] {operator, seller, buyer, stranger}) {
            client.close();
        }
    }

    /** A two-leg DvP on chain: leg 0 bonds seller → buyer, leg 1 cash buyer → seller. */
    record Dvp(byte[] id, byte[] bondSecret, byte[] cashSecret) {
    }

    private static byte[] secret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private static byte[] evidence(String text) {
        return Hash.sha3(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Dvp created(Duration window) {
        Dvp dvp = new Dvp(SettlementIds.toBytes32(UUID.randomUUID()), secret(), secret());
        contracts.coordinator(operator).createSettlement(dvp.id(), chainNow() + window.toSeconds(),
                List.of(seller.address(), buyer.address()), List.of(
                        new LegSpec(kbond.address(), BONDS, seller.address(), buyer.address(), Hash.sha3(dvp.bondSecret())),
                        new LegSpec(tusdc.address(), CASH, buyer.address(), seller.address(), Hash.sha3(dvp.cashSecret()))));
        return dvp;
    }

    private static Dvp awaitingDeposits(Duration window) {
        Dvp dvp = created(window);
        SettlementCoordinatorContract coordinator = contracts.coordinator(operator);
        ComplianceRegistryContract registry = contracts.registry(operator);
        coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CHECKING, evidence("checking"));
        registry.attest(dvp.id(), seller.address(), true, evidence("seller screened"));
        registry.attest(dvp.id(), buyer.address(), true, evidence("buyer screened"));
        coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CLEARED, evidence("cleared"));
        coordinator.transition(dvp.id(), OnchainState.AWAITING_DEPOSITS, evidence("awaiting"));
        return dvp;
    }

    private static long chainNow() {
        return operator.block(operator.blockNumber()).orElseThrow().getTimestamp().longValueExact();
    }

    private static TransactionReceipt deposit(EvmClient wallet, Dvp dvp, int leg) {
        byte[] secret = leg == 0 ? dvp.bondSecret() : dvp.cashSecret();
        return wallet.send(contracts.escrow(), KeystoneEscrowContract.encodeDepositLeg(dvp.id(), leg, secret));
    }

    private static List<EscrowEvent> events(TransactionReceipt receipt) {
        return receipt.getLogs().stream().filter(log -> log.getAddress().equalsIgnoreCase(contracts.escrow()))
                .map(EscrowEvent::decode).flatMap(java.util.Optional::stream).toList();
    }

    @Test
    void happyPathSwapsTheDepositedLegsInOneStep() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        BigInteger sellerBonds = kbond.balanceOf(seller.address());
        BigInteger buyerBonds = kbond.balanceOf(buyer.address());
        BigInteger sellerCash = tusdc.balanceOf(seller.address());
        BigInteger buyerCash = tusdc.balanceOf(buyer.address());
        BigInteger escrowBonds = kbond.balanceOf(contracts.escrow()); // other tests leave deposits behind

        TransactionReceipt bond = deposit(seller, dvp, 0);
        assertThat(events(bond)).singleElement().isInstanceOfSatisfying(EscrowEvent.LegDeposited.class, e -> {
            assertThat(e.settlementId()).isEqualTo(SettlementIds.fromBytes32(dvp.id()));
            assertThat(e.legIndex()).isZero();
            assertThat(e.payer()).isEqualTo(seller.address());
            assertThat(e.amount()).isEqualTo(BONDS);
            assertThat(e.allDeposited()).isFalse();
        });
        TransactionReceipt cash = deposit(buyer, dvp, 1);
        assertThat(events(cash)).singleElement().isInstanceOfSatisfying(EscrowEvent.LegDeposited.class,
                e -> assertThat(e.allDeposited()).isTrue());
        assertThat(kbond.balanceOf(contracts.escrow())).isEqualTo(escrowBonds.add(BONDS));
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 1).status()).isEqualTo(OnchainLeg.Status.DEPOSITED);

        SettlementCoordinatorContract coordinator = contracts.coordinator(operator);
        coordinator.transition(dvp.id(), OnchainState.EXECUTING_SWAP, evidence("swap"));
        TransactionReceipt finalized = coordinator.transition(dvp.id(), OnchainState.FINALIZED, evidence("final"));

        assertThat(events(finalized)).singleElement().isInstanceOf(EscrowEvent.SettlementExecuted.class);
        assertThat(coordinator.stateOf(dvp.id())).isEqualTo(OnchainState.FINALIZED);
        assertThat(kbond.balanceOf(seller.address())).isEqualTo(sellerBonds.subtract(BONDS));
        assertThat(kbond.balanceOf(buyer.address())).isEqualTo(buyerBonds.add(BONDS));
        assertThat(tusdc.balanceOf(seller.address())).isEqualTo(sellerCash.add(CASH));
        assertThat(tusdc.balanceOf(buyer.address())).isEqualTo(buyerCash.subtract(CASH));
        assertThat(kbond.balanceOf(contracts.escrow())).isEqualTo(escrowBonds);
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 0).status()).isEqualTo(OnchainLeg.Status.RELEASED);
    }

    @Test
    void aWrongSecretDepositsNothing() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        String wrong = KeystoneEscrowContract.encodeDepositLeg(dvp.id(), 0, dvp.cashSecret());

        assertThatThrownBy(() -> seller.send(contracts.escrow(), wrong))
                .isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).isEqualTo("InvalidDepositSecret()"));
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 0).status()).isEqualTo(OnchainLeg.Status.PENDING);
    }

    @Test
    void aLegCannotBeDepositedTwice() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        deposit(seller, dvp, 0);
        BigInteger escrowed = kbond.balanceOf(contracts.escrow());

        assertThatThrownBy(() -> deposit(seller, dvp, 0)).isInstanceOfSatisfying(ContractRevertedException.class,
                e -> assertThat(e.reason()).startsWith("LegNotPending(0,2)"));
        assertThat(kbond.balanceOf(contracts.escrow())).isEqualTo(escrowed);
    }

    @Test
    void depositsAreRefusedUntilTheSettlementAwaitsThem() {
        Dvp dvp = created(Duration.ofHours(1));

        assertThatThrownBy(() -> deposit(seller, dvp, 0)).isInstanceOfSatisfying(ContractRevertedException.class,
                e -> assertThat(e.reason()).startsWith("DepositsNotOpen"));
    }

    @Test
    void theComplianceGateNeedsEveryPartyCleared() {
        Dvp dvp = created(Duration.ofHours(1));
        SettlementCoordinatorContract coordinator = contracts.coordinator(operator);
        coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CHECKING, evidence("checking"));
        contracts.registry(operator).attest(dvp.id(), seller.address(), true, evidence("seller"));

        assertThatThrownBy(() -> coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CLEARED, evidence("x")))
                .isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).startsWith("PartiesNotCleared"));
        contracts.registry(operator).attest(dvp.id(), buyer.address(), false, evidence("buyer rejected"));
        assertThatThrownBy(() -> coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CLEARED, evidence("x")))
                .isInstanceOf(ContractRevertedException.class);
        assertThat(coordinator.stateOf(dvp.id())).isEqualTo(OnchainState.COMPLIANCE_CHECKING);
    }

    @Test
    void theSwapGateNeedsEveryLegDeposited() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        deposit(seller, dvp, 0);

        assertThatThrownBy(() -> contracts.coordinator(operator).transition(dvp.id(), OnchainState.EXECUTING_SWAP,
                evidence("swap"))).isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).startsWith("LegsNotDeposited"));
    }

    @Test
    void onlyRegisteredTransitionsAreTaken() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));

        assertThatThrownBy(() -> contracts.coordinator(operator).transition(dvp.id(), OnchainState.FINALIZED,
                evidence("skip"))).isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).isEqualTo("TransitionNotRegistered(4,6)"));
        assertThatThrownBy(() -> contracts.coordinator(operator).transition(dvp.id(), OnchainState.INSTRUCTED,
                evidence("back"))).isInstanceOf(ContractRevertedException.class);
    }

    @Test
    void rollbackReturnsEveryDepositToWhoPaidIt() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        BigInteger sellerBonds = kbond.balanceOf(seller.address());
        deposit(seller, dvp, 0);

        TransactionReceipt rolledBack = contracts.coordinator(operator).transition(dvp.id(), OnchainState.ROLLED_BACK,
                evidence("rollback"));

        assertThat(events(rolledBack)).singleElement().isInstanceOfSatisfying(EscrowEvent.SettlementRolledBack.class,
                e -> assertThat(e.refundedLegs()).isEqualTo(1));
        assertThat(kbond.balanceOf(seller.address())).isEqualTo(sellerBonds);
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 0).status()).isEqualTo(OnchainLeg.Status.REFUNDED);
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 1).status()).isEqualTo(OnchainLeg.Status.REFUNDED);
        assertThatThrownBy(() -> deposit(buyer, dvp, 1)).isInstanceOf(ContractRevertedException.class);
    }

    @Test
    void anyoneMayClaimATimeoutAfterTheDeadlineAndDepositsGoBack() {
        Dvp dvp = awaitingDeposits(Duration.ofMinutes(10));
        BigInteger buyerCash = tusdc.balanceOf(buyer.address());
        deposit(buyer, dvp, 1);
        KeystoneEscrowContract escrowAsStranger = contracts.escrow(stranger);

        assertThatThrownBy(() -> escrowAsStranger.claimTimeout(dvp.id()))
                .isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).startsWith("DeadlineNotReached"));
        NODE.increaseTime(Duration.ofMinutes(11));
        assertThatThrownBy(() -> deposit(seller, dvp, 0)).isInstanceOfSatisfying(ContractRevertedException.class,
                e -> assertThat(e.reason()).startsWith("DepositsNotOpen"));
        TransactionReceipt timedOut = escrowAsStranger.claimTimeout(dvp.id());

        assertThat(events(timedOut)).singleElement().isInstanceOf(EscrowEvent.SettlementTimedOut.class);
        assertThat(contracts.coordinator(operator).stateOf(dvp.id())).isEqualTo(OnchainState.TIMED_OUT);
        assertThat(tusdc.balanceOf(buyer.address())).isEqualTo(buyerCash);
        assertThatThrownBy(() -> escrowAsStranger.claimTimeout(dvp.id())).isInstanceOf(ContractRevertedException.class);
    }

    @Test
    void aTimeoutAfterTheSwapWasDecidedCompletesIt() {
        Dvp dvp = awaitingDeposits(Duration.ofMinutes(10));
        deposit(seller, dvp, 0);
        deposit(buyer, dvp, 1);
        contracts.coordinator(operator).transition(dvp.id(), OnchainState.EXECUTING_SWAP, evidence("swap"));
        NODE.increaseTime(Duration.ofMinutes(11));

        TransactionReceipt completed = contracts.coordinator(stranger).timeout(dvp.id());

        assertThat(events(completed)).singleElement().isInstanceOf(EscrowEvent.SettlementExecuted.class);
        assertThat(contracts.coordinator(operator).stateOf(dvp.id())).isEqualTo(OnchainState.FINALIZED);
    }

    @Test
    void strangersCanNeitherDriveSettlementsNorMoveEscrowedTokens() {
        Dvp dvp = awaitingDeposits(Duration.ofHours(1));
        deposit(seller, dvp, 0);
        deposit(buyer, dvp, 1);

        assertThatThrownBy(() -> contracts.coordinator(stranger).transition(dvp.id(), OnchainState.EXECUTING_SWAP,
                evidence("x"))).isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).isEqualTo("NotOperator()"));
        assertThatThrownBy(() -> contracts.coordinator(stranger).createSettlement(
                SettlementIds.toBytes32(UUID.randomUUID()), Instant.now().getEpochSecond() + 3600,
                List.of(stranger.address()), List.of(new LegSpec(kbond.address(), BONDS, stranger.address(),
                        stranger.address(), Hash.sha3(secret()))))).isInstanceOf(ContractRevertedException.class);
        assertThatThrownBy(() -> contracts.registry(stranger).attest(dvp.id(), stranger.address(), true,
                evidence("x"))).isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).isEqualTo("NotAttester()"));
        String execute = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(
                "executeSettlement", List.of(new org.web3j.abi.datatypes.generated.Bytes32(dvp.id())), List.of()));
        assertThatThrownBy(() -> stranger.send(contracts.escrow(), execute))
                .isInstanceOfSatisfying(ContractRevertedException.class,
                        e -> assertThat(e.reason()).isEqualTo("NotCoordinator()"));
        assertThatThrownBy(() -> operator.send(contracts.escrow(), execute))
                .as("not even the deployer may move escrowed tokens directly")
                .isInstanceOf(ContractRevertedException.class);
        assertThatThrownBy(() -> contracts.coordinator(stranger).bindEscrow(stranger.address()))
                .isInstanceOf(ContractRevertedException.class);
        assertThat(kbond.balanceOf(contracts.escrow())).isGreaterThanOrEqualTo(BONDS);
        assertThat(contracts.escrow(operator).legOf(dvp.id(), 0).status()).isEqualTo(OnchainLeg.Status.DEPOSITED);
    }

    @Test
    void aHostileTokenCannotReenterTheEscrow() {
        ContractArtifact hostile = ContractArtifact.load("ReentrantToken");
        RevertReasons.register(hostile);
        String token = operator.deploy(hostile, "");
        TestTokenContract reentrant = new TestTokenContract(seller, token);
        reentrant.mint(seller.address(), BONDS);
        reentrant.approve(contracts.escrow(), BONDS);
        byte[] secret = secret();
        byte[] id = SettlementIds.toBytes32(UUID.randomUUID());
        SettlementCoordinatorContract coordinator = contracts.coordinator(operator);
        coordinator.createSettlement(id, chainNow() + 3600, List.of(seller.address(), buyer.address()),
                List.of(new LegSpec(token, BONDS, seller.address(), buyer.address(), Hash.sha3(secret))));
        coordinator.transition(id, OnchainState.COMPLIANCE_CHECKING, evidence("c"));
        contracts.registry(operator).attest(id, seller.address(), true, evidence("s"));
        contracts.registry(operator).attest(id, buyer.address(), true, evidence("b"));
        coordinator.transition(id, OnchainState.COMPLIANCE_CLEARED, evidence("c"));
        coordinator.transition(id, OnchainState.AWAITING_DEPOSITS, evidence("a"));
        // When the escrow pulls the deposit, the token calls depositLeg again with the same secret.
        String reenter = KeystoneEscrowContract.encodeDepositLeg(id, 0, secret);
        operator.send(token, org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("arm",
                List.of(new org.web3j.abi.datatypes.Address(contracts.escrow()),
                        new org.web3j.abi.datatypes.DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(reenter))),
                List.of())));

        seller.send(contracts.escrow(), KeystoneEscrowContract.encodeDepositLeg(id, 0, secret));

        List<org.web3j.abi.datatypes.Type> reentered = operator.call(token, new org.web3j.abi.datatypes.Function(
                "reentrySucceeded", List.of(), List.of(new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Bool>() { })));
        assertThat((Boolean) reentered.get(0).getValue()).as("the reentrant depositLeg must fail").isFalse();
        assertThat(reentrant.balanceOf(contracts.escrow())).isEqualTo(BONDS);
        assertThat(contracts.escrow(operator).legOf(id, 0).payer()).isEqualTo(seller.address());
    }

    @Test
    void reportsTheGasOfOneSettlement() {
        long gas = 0;
        Dvp dvp = new Dvp(SettlementIds.toBytes32(UUID.randomUUID()), secret(), secret());
        SettlementCoordinatorContract coordinator = contracts.coordinator(operator);
        ComplianceRegistryContract registry = contracts.registry(operator);
        List<TransactionReceipt> receipts = new java.util.ArrayList<>();
        receipts.add(coordinator.createSettlement(dvp.id(), chainNow() + 3600,
                List.of(seller.address(), buyer.address()), List.of(
                        new LegSpec(kbond.address(), BONDS, seller.address(), buyer.address(), Hash.sha3(dvp.bondSecret())),
                        new LegSpec(tusdc.address(), CASH, buyer.address(), seller.address(), Hash.sha3(dvp.cashSecret())))));
        receipts.add(coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CHECKING, evidence("c")));
        receipts.add(registry.attest(dvp.id(), seller.address(), true, evidence("s")));
        receipts.add(registry.attest(dvp.id(), buyer.address(), true, evidence("b")));
        receipts.add(coordinator.transition(dvp.id(), OnchainState.COMPLIANCE_CLEARED, evidence("c")));
        receipts.add(coordinator.transition(dvp.id(), OnchainState.AWAITING_DEPOSITS, evidence("a")));
        long operatorGas = receipts.stream().mapToLong(r -> r.getGasUsed().longValueExact()).sum();
        long depositGas = deposit(seller, dvp, 0).getGasUsed().longValueExact()
                + deposit(buyer, dvp, 1).getGasUsed().longValueExact();
        operatorGas += coordinator.transition(dvp.id(), OnchainState.EXECUTING_SWAP, evidence("x")).getGasUsed()
                .longValueExact();
        operatorGas += coordinator.transition(dvp.id(), OnchainState.FINALIZED, evidence("f")).getGasUsed()
                .longValueExact();
        gas = operatorGas + depositGas;

        System.out.printf("GAS two-leg DvP: operator %d (8 transactions), deposits %d (2 transactions), total %d%n",
                operatorGas, depositGas, gas);
        assertThat(coordinator.stateOf(dvp.id())).isEqualTo(OnchainState.FINALIZED);
        assertThat(gas).isBetween(300_000L, 2_000_000L);
    }
}
