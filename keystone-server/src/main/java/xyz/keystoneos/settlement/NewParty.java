package xyz.keystoneos.settlement;

import java.util.UUID;

/** A party of a settlement to create; {@code platformId}/{@code environmentId} say whose party it is. */
public record NewParty(String role, UUID platformId, UUID environmentId, String externalReference, String name,
        String walletAddress, long chainId) {
}
