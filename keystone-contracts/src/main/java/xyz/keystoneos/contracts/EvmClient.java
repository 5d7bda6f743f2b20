package xyz.keystoneos.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * One signer on one EVM chain over JSON-RPC (web3j): sends signed legacy transactions (gas estimated first, so a
 * transaction that would revert is refused before it is sent, with the contract's error as reason), waits for
 * receipts, makes calls and reads blocks and logs. Sends are serialised, so one client never races its own nonces.
 */
public final class EvmClient implements AutoCloseable {

    private static final BigInteger GAS_MARGIN = BigInteger.valueOf(30_000);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final RawTransactionManager transactions;
    private final Duration receiptTimeout;

    private EvmClient(Web3j web3j, Credentials credentials, long chainId, Duration receiptTimeout) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.transactions = new RawTransactionManager(web3j, credentials, chainId);
        this.receiptTimeout = receiptTimeout;
    }

    /** Connects to {@code rpcUrl} with the given private key ({@code 0x} + 64 hex); reads the chain id. */
    public static EvmClient connect(String rpcUrl, String privateKey) {
        return connect(rpcUrl, privateKey, Duration.ofMinutes(3));
    }

    public static EvmClient connect(String rpcUrl, String privateKey, Duration receiptTimeout) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = checked(web3j.ethChainId().send(), "eth_chainId").getChainId().longValueExact();
            return new EvmClient(web3j, Credentials.create(privateKey), chainId, receiptTimeout);
        } catch (IOException e) {
            web3j.shutdown();
            throw new UncheckedIOException("Cannot reach the EVM node at " + rpcUrl, e);
        }
    }

    public long chainId() {
        return chainId;
    }

    /** The signer's address, lower-case. */
    public String address() {
        return credentials.getAddress().toLowerCase();
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Sends {@code data} to {@code to} and waits for the receipt; a reverted transaction throws. */
    public TransactionReceipt send(String to, String data) {
        return send(to, data, "call to " + to);
    }

    /** Encodes and sends a contract function. */
    public TransactionReceipt send(String to, Function function) {
        return send(to, FunctionEncoder.encode(function), function.getName());
    }

    /** Deploys a contract; answers its address. */
    public String deploy(ContractArtifact artifact, String encodedConstructorArguments) {
        String data = artifact.bytecode() + strip(encodedConstructorArguments);
        TransactionReceipt receipt = send(null, data, "deploy " + artifact.name());
        return receipt.getContractAddress().toLowerCase();
    }

    private synchronized TransactionReceipt send(String to, String data, String operation) {
        try {
            BigInteger gasLimit = estimateGas(to, data, operation);
            BigInteger gasPrice = checked(web3j.ethGasPrice().send(), "eth_gasPrice").getGasPrice();
            EthSendTransaction sent = transactions.sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO);
            if (sent.hasError()) {
                throw new ContractRevertedException(operation,
                        RevertReasons.describe(sent.getError().getData(), sent.getError().getMessage()));
            }
            TransactionReceipt receipt = awaitReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new ContractRevertedException(operation, "status " + receipt.getStatus() + " in transaction "
                        + receipt.getTransactionHash());
            }
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException(operation + ": the node did not answer", e);
        }
    }

    private BigInteger estimateGas(String to, String data, String operation) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(new Transaction(address(), null, null, null, to,
                BigInteger.ZERO, data)).send();
        if (estimate.hasError()) {
            throw new ContractRevertedException(operation,
                    RevertReasons.describe(estimate.getError().getData(), estimate.getError().getMessage()));
        }
        BigInteger gas = estimate.getAmountUsed();
        return gas.add(gas.divide(BigInteger.valueOf(5))).add(GAS_MARGIN);
    }

    /** Waits for a transaction's receipt (reverted or not). */
    public TransactionReceipt awaitReceipt(String transactionHash) throws IOException {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        long pause = 20;
        while (true) {
            Optional<TransactionReceipt> receipt = checked(web3j.ethGetTransactionReceipt(transactionHash).send(),
                    "eth_getTransactionReceipt").getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("No receipt for " + transactionHash + " after " + receiptTimeout);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted waiting for " + transactionHash, e);
            }
            pause = Math.min(pause * 2, 2_000);
        }
    }

    /** Calls a view function at the latest block and decodes its outputs. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String to, Function function) {
        return FunctionReturnDecoder.decode(callRaw(to, FunctionEncoder.encode(function), function.getName()),
                function.getOutputParameters());
    }

    /** Calls and answers the raw return data ({@code 0x…}). */
    public String callRaw(String to, String data, String operation) {
        try {
            EthCall result = web3j.ethCall(new Transaction(address(), null, null, null, to, BigInteger.ZERO, data),
                    DefaultBlockParameterName.LATEST).send();
            if (result.hasError()) {
                throw new ContractRevertedException(operation,
                        RevertReasons.describe(result.getError().getData(), result.getError().getMessage()));
            }
            if (result.isReverted()) {
                throw new ContractRevertedException(operation,
                        RevertReasons.describe(result.getRevertReason(), result.getRevertReason()));
            }
            return result.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(operation + ": the node did not answer", e);
        }
    }

    public long blockNumber() {
        try {
            return checked(web3j.ethBlockNumber().send(), "eth_blockNumber").getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_blockNumber: the node did not answer", e);
        }
    }

    /** The block at {@code number}, without transactions; empty when the chain is shorter. */
    public Optional<EthBlock.Block> block(long number) {
        try {
            return Optional.ofNullable(checked(web3j.ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send(), "eth_getBlockByNumber")
                    .getBlock());
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getBlockByNumber: the node did not answer", e);
        }
    }

    /** The logs of {@code address} in blocks {@code from..to} (inclusive), in chain order. */
    public List<Log> logs(String address, long from, long to) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address);
        try {
            return checked(web3j.ethGetLogs(filter).send(), "eth_getLogs").getLogs().stream()
                    .map(result -> (Log) ((EthLog.LogObject) result).get()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getLogs: the node did not answer", e);
        }
    }

    /** Whether there is contract code at {@code address}. */
    public boolean hasCode(String address) {
        try {
            String code = checked(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send(), "eth_getCode")
                    .getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new UncheckedIOException("eth_getCode: the node did not answer", e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private static <T extends Response<?>> T checked(T response, String method) throws IOException {
        if (response.hasError()) {
            throw new IOException(method + " failed: " + response.getError().getMessage());
        }
        return response;
    }

    private static String strip(String hex) {
        if (hex == null) {
            return "";
        }
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }
}
