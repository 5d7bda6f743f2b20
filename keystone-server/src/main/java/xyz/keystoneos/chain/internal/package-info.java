/**
 * The {@code simulated} chain adapter: an in-database ledger of test-token balances ({@code chain_balances}),
 * escrowed legs ({@code chain_escrow_legs}) and an append-only journal of every movement
 * ({@code chain_ledger_entries}), following the escrow contract's rules; plus the sandbox endpoints
 * ({@code /v1/sandbox/*}) that mint tokens, deposit legs and read balances.
 */
package xyz.keystoneos.chain.internal;
