package xyz.keystoneos.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** web3j binding of {@code SettlementCoordinator}. */
public final class SettlementCoordinatorContract {

    public static final String NAME = "SettlementCoordinator";
    private static final byte[] CREATE_SETTLEMENT = Abi.selector(
            "createSettlement(bytes32,uint64,address[],(address,uint256,address,address,bytes32)[])");

    private final EvmClient client;
    private final String address;

    public SettlementCoordinatorContract(EvmClient client, String address) {
        this.client = client;
        this.address = address;
    }

    public static SettlementCoordinatorContract deploy(EvmClient client, String registry) {
        return new SettlementCoordinatorContract(client, client.deploy(ContractArtifact.load(NAME),
                FunctionEncoder.encodeConstructor(List.of(new Address(registry)))));
    }

    public String address() {
        return address;
    }

    public TransactionReceipt bindEscrow(String escrow) {
        return client.send(address, new Function("bindEscrow", List.of(new Address(escrow)), List.of()));
    }

    public TransactionReceipt setOperator(String operator, boolean allowed) {
        return client.send(address, new Function("setOperator", List.of(new Address(operator), new Bool(allowed)),
                List.of()));
    }

    /** {@code createSettlement(id, deadline, parties, legs)}; the deadline is unix seconds. */
    public TransactionReceipt createSettlement(byte[] settlementId, long deadline, List<String> parties,
            List<LegSpec> legs) {
        return client.send(address, encodeCreateSettlement(settlementId, deadline, parties, legs));
    }

    /** The calldata of {@code createSettlement}: head of four words, then the two dynamic arrays. */
    public static String encodeCreateSettlement(byte[] settlementId, long deadline, List<String> parties,
            List<LegSpec> legs) {
        int partiesOffset = 4 * Abi.WORD;
        int legsOffset = partiesOffset + (1 + parties.size()) * Abi.WORD;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(CREATE_SETTLEMENT);
        out.writeBytes(Abi.bytes32(settlementId));
        out.writeBytes(Abi.uint(deadline));
        out.writeBytes(Abi.uint(partiesOffset));
        out.writeBytes(Abi.uint(legsOffset));
        out.writeBytes(Abi.uint(parties.size()));
        parties.forEach(party -> out.writeBytes(Abi.address(party)));
        out.writeBytes(Abi.uint(legs.size()));
        for (LegSpec leg : legs) {
            out.writeBytes(Abi.address(leg.token()));
            out.writeBytes(Abi.uint(leg.amount()));
            out.writeBytes(Abi.address(leg.depositor()));
            out.writeBytes(Abi.address(leg.recipient()));
            out.writeBytes(Abi.bytes32(leg.depositKey()));
        }
        return Abi.hex(out.toByteArray());
    }

    public TransactionReceipt transition(byte[] settlementId, OnchainState target, byte[] evidenceHash) {
        return client.send(address, new Function("transition", List.of(new Bytes32(settlementId),
                new Uint8(target.ordinal()), new Bytes32(evidenceHash)), List.of()));
    }

    /** Permissionless once the deadline passed. */
    public TransactionReceipt timeout(byte[] settlementId) {
        return client.send(address, new Function("timeout", List.of(new Bytes32(settlementId)), List.of()));
    }

    public OnchainState stateOf(byte[] settlementId) {
        BigInteger value = (BigInteger) client.call(address, new Function("stateOf",
                List.of(new Bytes32(settlementId)), List.of(new TypeReference<Uint8>() { }))).get(0).getValue();
        return OnchainState.of(value.intValueExact());
    }

    public long deadlineOf(byte[] settlementId) {
        BigInteger value = (BigInteger) client.call(address, new Function("deadlineOf",
                List.of(new Bytes32(settlementId)), List.of(new TypeReference<Uint64>() { }))).get(0).getValue();
        return value.longValueExact();
    }

    public boolean acceptsDeposits(byte[] settlementId) {
        return (Boolean) client.call(address, new Function("acceptsDeposits", List.of(new Bytes32(settlementId)),
                List.of(new TypeReference<Bool>() { }))).get(0).getValue();
    }
}
