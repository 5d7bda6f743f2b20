package xyz.keystoneos.compliance;

import java.util.UUID;

/** One settlement party as screening sees it. */
public record PartyToScreen(UUID partyId, String role, String name, String walletAddress, long chainId) {
}
