package xyz.keystoneos.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A compiled contract as the build writes it ({@code contracts/<Name>.json} on the classpath, produced by
 * {@code compile.js} with the pinned solc-js): its ABI and creation bytecode.
 */
public record ContractArtifact(String name, JsonNode abi, String bytecode, String compilerVersion) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads {@code contracts/<name>.json} from the classpath. */
    public static ContractArtifact load(String name) {
        String resource = "contracts/" + name + ".json";
        try (InputStream in = ContractArtifact.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No compiled contract " + resource + " on the classpath;"
                        + " build keystone-contracts (it compiles the Solidity sources)");
            }
            JsonNode artifact = JSON.readTree(in);
            return new ContractArtifact(artifact.path("contractName").asText(name), artifact.path("abi"),
                    artifact.path("bytecode").asText(), artifact.path("compiler").path("version").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
