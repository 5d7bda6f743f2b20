package xyz.keystoneos.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A ganache node (the pinned npm package in {@code keystone-contracts/node_modules}) on 127.0.0.1 and a free port,
 * for one test class: {@code @RegisterExtension static LocalEvmNode node = new LocalEvmNode();}. Deterministic
 * accounts with 1000 ETH each; every transaction is mined at once in its own block. Killed after the class.
 * Also usable without JUnit through {@link #start()} and {@link #stop()}.
 */
public final class LocalEvmNode implements BeforeAllCallback, AfterAllCallback {

    public static final long CHAIN_ID = 1337;
    private static final int ACCOUNTS = 10;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger requestIds = new AtomicInteger();
    private Process process;
    private Path workDir;
    private int port;
    private List<String> keys = List.of();
    private List<String> addresses = List.of();

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the node and waits until it answers (idempotent). */
    public synchronized LocalEvmNode start() {
        if (process != null) {
            return this;
        }
        try {
            Path cli = ganacheCli();
            workDir = Files.createTempDirectory("ganache");
            Path keysFile = workDir.resolve("keys.json");
            port = freePort();
            ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "--server.host", "127.0.0.1",
                    "--server.port", Integer.toString(port), "--chain.chainId", Long.toString(CHAIN_ID),
                    "--wallet.deterministic", "--wallet.totalAccounts", Integer.toString(ACCOUNTS),
                    "--wallet.accountKeysPath", keysFile.toString(), "--logging.quiet")
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("ganache.log").toFile());
            process = builder.start();
            awaitReady(keysFile);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start ganache", e);
        }
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The private key of deterministic account {@code index} (0..9), {@code 0x} + 64 hex. */
    public String privateKey(int index) {
        return keys.get(index);
    }

    /** The lower-case address of account {@code index}. */
    public String address(int index) {
        return addresses.get(index);
    }

    /** A client signing as account {@code index}. */
    public EvmClient client(int index) {
        return EvmClient.connect(rpcUrl(), privateKey(index));
    }

    /** Moves the node's clock forward and mines a block with the new time. */
    public void increaseTime(Duration by) {
        rpc("evm_increaseTime", List.of(by.toSeconds()));
        mine();
    }

    public void mine() {
        rpc("evm_mine", List.of());
    }

    /** Snapshots the chain; {@link #revert(String)} throws away every block mined since (a reorg, as seen from a watcher). */
    public String snapshot() {
        return rpc("evm_snapshot", List.of()).asText();
    }

    public void revert(String snapshotId) {
        if (!rpc("evm_revert", List.of(snapshotId)).asBoolean()) {
            throw new IllegalStateException("ganache refused to revert to snapshot " + snapshotId);
        }
    }

    /** A raw JSON-RPC call; answers {@code result}. */
    public JsonNode rpc(String method, List<Object> params) {
        try {
            String body = json.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "id", requestIds.incrementAndGet(),
                    "method", method, "params", params));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rpcUrl()))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }

    private void awaitReady(Path keysFile) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ganache exited: " + Files.readString(workDir.resolve("ganache.log")));
            }
            if (Files.exists(keysFile) && Files.size(keysFile) > 0) {
                try {
                    rpc("eth_chainId", List.of());
                    readKeys(keysFile);
                    return;
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while ganache starts", e);
            }
        }
        stop();
        throw new IllegalStateException("ganache did not answer within " + STARTUP);
    }

    private void readKeys(Path keysFile) throws IOException {
        JsonNode privateKeys = json.readTree(keysFile.toFile()).path("private_keys");
        List<String> foundAddresses = new ArrayList<>();
        List<String> foundKeys = new ArrayList<>();
        privateKeys.fields().forEachRemaining(entry -> {
            foundAddresses.add(entry.getKey().toLowerCase());
            foundKeys.add(entry.getValue().asText());
        });
        if (foundKeys.size() != ACCOUNTS) {
            throw new IllegalStateException("ganache wrote " + foundKeys.size() + " keys, expected " + ACCOUNTS);
        }
        addresses = List.copyOf(foundAddresses);
        keys = List.copyOf(foundKeys);
    }

    /** ganache's CLI from {@code keystone.contracts.dir}, or from {@code keystone-contracts} near the working dir. */
    private static Path ganacheCli() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("keystone.contracts.dir");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            candidates.add(dir);
            candidates.add(dir.resolve("keystone-contracts"));
        }
        for (Path candidate : candidates) {
            Path cli = candidate.resolve("node_modules/ganache/dist/node/cli.js");
            if (Files.isRegularFile(cli)) {
                return cli;
            }
        }
        throw new IllegalStateException("ganache is not installed: run `npm ci` in keystone-contracts"
                + " (the Maven build does it when node_modules is missing)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
