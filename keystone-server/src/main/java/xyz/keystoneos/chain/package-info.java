/**
 * Escrow and chains (SPEC §10): the {@link xyz.keystoneos.chain.ChainGateway} port and its adapters. The default
 * {@code simulated} adapter keeps an in-database ledger of test-token balances and escrowed legs with the same
 * rules as the contracts: deposits authorised by {@code keccak256(secret) == deposit_key}, atomic release, refunds.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chain")
package xyz.keystoneos.chain;
