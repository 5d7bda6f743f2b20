package xyz.keystoneos.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** web3j binding of the test ERC-20s ({@code KBOND}, {@code TUSDC}, any {@code TestToken}): ERC-20 plus public mint. */
public final class TestTokenContract {

    private final EvmClient client;
    private final String address;

    public TestTokenContract(EvmClient client, String address) {
        this.client = client;
        this.address = address;
    }

    /** Deploys {@code KBOND}, {@code TUSDC} or another argument-less token artifact. */
    public static TestTokenContract deploy(EvmClient client, String artifact) {
        return new TestTokenContract(client, client.deploy(ContractArtifact.load(artifact), ""));
    }

    public String address() {
        return address;
    }

    /** The same token, sending with another signer. */
    public TestTokenContract as(EvmClient signer) {
        return new TestTokenContract(signer, address);
    }

    public TransactionReceipt mint(String to, BigInteger amount) {
        return client.send(address, new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of()));
    }

    public TransactionReceipt approve(String spender, BigInteger amount) {
        return client.send(address, new Function("approve", List.of(new Address(spender), new Uint256(amount)),
                List.of()));
    }

    public TransactionReceipt transfer(String to, BigInteger amount) {
        return client.send(address, new Function("transfer", List.of(new Address(to), new Uint256(amount)),
                List.of()));
    }

    public BigInteger balanceOf(String owner) {
        return (BigInteger) client.call(address, new Function("balanceOf", List.of(new Address(owner)),
                List.of(new TypeReference<Uint256>() { }))).get(0).getValue();
    }

    public int decimals() {
        return ((BigInteger) client.call(address, new Function("decimals", List.of(),
                List.of(new TypeReference<Uint8>() { }))).get(0).getValue()).intValueExact();
    }
}
