package xyz.keystoneos.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** web3j binding of {@code KeystoneEscrow}. */
public final class KeystoneEscrowContract {

    public static final String NAME = "KeystoneEscrow";

    private final EvmClient client;
    private final String address;

    public KeystoneEscrowContract(EvmClient client, String address) {
        this.client = client;
        this.address = address;
    }

    public static KeystoneEscrowContract deploy(EvmClient client, String coordinator) {
        return new KeystoneEscrowContract(client, client.deploy(ContractArtifact.load(NAME),
                FunctionEncoder.encodeConstructor(List.of(new Address(coordinator)))));
    }

    public String address() {
        return address;
    }

    /** The calldata of {@code depositLeg(settlementId, legIndex, depositSecret)}. */
    public static String encodeDepositLeg(byte[] settlementId, long legIndex, byte[] depositSecret) {
        return FunctionEncoder.encode(new Function("depositLeg", List.of(new Bytes32(settlementId),
                new Uint256(legIndex), new Bytes32(depositSecret)), List.of()));
    }

    public TransactionReceipt depositLeg(byte[] settlementId, long legIndex, byte[] depositSecret) {
        return client.send(address, encodeDepositLeg(settlementId, legIndex, depositSecret));
    }

    /** Permissionless once the settlement's deadline passed. */
    public TransactionReceipt claimTimeout(byte[] settlementId) {
        return client.send(address, new Function("claimTimeout", List.of(new Bytes32(settlementId)), List.of()));
    }

    public boolean allDeposited(byte[] settlementId) {
        return (Boolean) client.call(address, new Function("allDeposited", List.of(new Bytes32(settlementId)),
                List.of(new TypeReference<Bool>() { }))).get(0).getValue();
    }

    public long legCount(byte[] settlementId) {
        return ((BigInteger) client.call(address, new Function("legCount", List.of(new Bytes32(settlementId)),
                List.of(new TypeReference<Uint256>() { }))).get(0).getValue()).longValueExact();
    }

    public OnchainLeg legOf(byte[] settlementId, long legIndex) {
        String data = client.callRaw(address, FunctionEncoder.encode(new Function("legOf",
                List.of(new Bytes32(settlementId), new Uint256(legIndex)), List.of())), "legOf");
        byte[] raw = Numeric.hexStringToByteArray(data);
        return new OnchainLeg(Abi.addressAt(raw, 0), Abi.uintAt(raw, 1), Abi.addressAt(raw, 2),
                Abi.addressAt(raw, 3), Numeric.toHexString(Abi.word(raw, 4)), Abi.addressAt(raw, 5),
                OnchainLeg.Status.values()[Abi.uintAt(raw, 6).intValueExact()]);
    }
}
