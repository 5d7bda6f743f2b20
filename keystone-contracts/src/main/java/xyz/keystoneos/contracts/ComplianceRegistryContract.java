package xyz.keystoneos.contracts;

import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** web3j binding of {@code ComplianceRegistry}. */
public final class ComplianceRegistryContract {

    public static final String NAME = "ComplianceRegistry";

    private final EvmClient client;
    private final String address;

    public ComplianceRegistryContract(EvmClient client, String address) {
        this.client = client;
        this.address = address;
    }

    public static ComplianceRegistryContract deploy(EvmClient client) {
        return new ComplianceRegistryContract(client, client.deploy(ContractArtifact.load(NAME), ""));
    }

    public String address() {
        return address;
    }

    public TransactionReceipt attest(byte[] settlementId, String party, boolean cleared, byte[] evidenceHash) {
        return client.send(address, new Function("attest", List.of(new Bytes32(settlementId), new Address(party),
                new Bool(cleared), new Bytes32(evidenceHash)), List.of()));
    }

    public TransactionReceipt setAttester(String attester, boolean allowed) {
        return client.send(address, new Function("setAttester", List.of(new Address(attester), new Bool(allowed)),
                List.of()));
    }

    public boolean isCleared(byte[] settlementId, String party) {
        return bool(new Function("isCleared", List.of(new Bytes32(settlementId), new Address(party)),
                List.of(new TypeReference<Bool>() { })));
    }

    public boolean areAllPartiesCleared(byte[] settlementId, List<String> parties) {
        return bool(new Function("areAllPartiesCleared", List.of(new Bytes32(settlementId),
                new DynamicArray<>(Address.class, parties.stream().map(Address::new).toList())),
                List.of(new TypeReference<Bool>() { })));
    }

    private boolean bool(Function function) {
        return (Boolean) client.call(address, function).get(0).getValue();
    }
}
