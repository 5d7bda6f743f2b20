package xyz.keystoneos.compliance.internal;

import java.util.List;

/**
 * The JSON form of a sanctions list file ({@code keystone.compliance.sanctions-list.location}).
 *
 * @param name        what the list is, for the startup log
 * @param version     the list's version or date, for the startup log
 * @param description free text
 * @param entities    listed persons and organisations
 * @param wallets     listed wallet addresses (matched on every chain)
 */
record SanctionsListFile(String name, String version, String description, List<Entity> entities,
        List<Wallet> wallets) {

    /** A listed person or organisation; {@code id} is what check references name, never the names themselves. */
    record Entity(String id, String name, List<String> aliases) {
    }

    /** A listed wallet address. */
    record Wallet(String id, String address) {
    }
}
