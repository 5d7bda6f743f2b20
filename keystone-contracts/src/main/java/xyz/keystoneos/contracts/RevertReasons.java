package xyz.keystoneos.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Turns revert data into readable reasons: the custom errors of the KeyStone contracts, or {@code Error(string)}. */
public final class RevertReasons {

    private static final Pattern HEX_DATA = Pattern.compile("0x[0-9a-fA-F]{8,}");
    private static final Map<String, String[]> ERRORS = new HashMap<>();

    static {
        for (String name : List.of("SettlementCoordinator", "KeystoneEscrow", "ComplianceRegistry", "TestToken",
                "SafeTransfers")) {
            register(ContractArtifact.load(name));
        }
        ERRORS.put("0x08c379a0", new String[] {"Error", "string"});
    }

    private RevertReasons() {
    }

    /** Adds the custom errors of another contract (tests deploy their own). */
    public static synchronized void register(ContractArtifact artifact) {
        for (JsonNode entry : artifact.abi()) {
            if (!"error".equals(entry.path("type").asText())) {
                continue;
            }
            List<String> types = new ArrayList<>();
            entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
            String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
            String selector = Hash.sha3String(signature).substring(0, 10);
            String[] described = new String[types.size() + 1];
            described[0] = entry.path("name").asText();
            for (int i = 0; i < types.size(); i++) {
                described[i + 1] = types.get(i);
            }
            ERRORS.put(selector, described);
        }
    }

    /** The reason found in a node's error data or message, else the message itself. */
    public static synchronized String describe(String data, String message) {
        String hex = firstHex(data);
        if (hex == null) {
            hex = firstHex(message);
        }
        if (hex == null || hex.length() < 10) {
            return message;
        }
        String[] error = ERRORS.get(hex.substring(0, 10).toLowerCase());
        if (error == null) {
            return message + " (" + hex.substring(0, 10) + ")";
        }
        byte[] args = Numeric.hexStringToByteArray(hex.substring(10));
        if ("Error".equals(error[0]) && args.length >= 64) {
            int length = new BigInteger(1, java.util.Arrays.copyOfRange(args, 32, 64)).intValueExact();
            return new String(args, 64, Math.min(length, args.length - 64), StandardCharsets.UTF_8);
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < error.length && i * 32 <= args.length; i++) {
            byte[] word = java.util.Arrays.copyOfRange(args, (i - 1) * 32, i * 32);
            values.add(error[i].equals("address") || error[i].startsWith("bytes")
                    ? Numeric.toHexString(error[i].equals("address") ? java.util.Arrays.copyOfRange(word, 12, 32) : word)
                    : new BigInteger(1, word).toString());
        }
        return error[0] + "(" + String.join(",", values) + ")";
    }

    private static String firstHex(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = HEX_DATA.matcher(text);
        String found = null;
        while (matcher.find()) {
            String candidate = matcher.group();
            // transaction hashes are 32 bytes; revert data is a 4-byte selector plus 32-byte words
            if ((candidate.length() - 10) % 64 == 0) {
                found = candidate;
                break;
            }
        }
        return found;
    }
}
