package xyz.keystoneos.chain.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.contracts.ContractRevertedException;

/**
 * Executes {@code chain_commands} outside any database transaction: one thread per configured evm chain (one
 * signer, so its transactions never race for nonces) leases the next due command, lets {@link EvmSettlementDriver}
 * reconcile it with the chain, and records the outcome. A failure is retried with exponential backoff and jitter
 * (capped at 5 minutes); a command the chain can never accept is marked {@code failed} for an operator.
 */
@Component
class ChainCommandWorker extends PerChainLoop {

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(ChainCommandWorker.class);

    private final ChainCommands commands;
    private final EvmSettlementDriver driver;
    private final TransactionTemplate transactions;

    ChainCommandWorker(EvmNetworks networks, ChainCommands commands, EvmSettlementDriver driver,
            TransactionTemplate transactions) {
        super(networks, "chain-commands");
        this.commands = commands;
        this.driver = driver;
        this.transactions = transactions;
    }

    @Override
    boolean step(long chainId) {
        return runNext(chainId);
    }

    /** Runs one due command of the chain; false when there was none. */
    boolean runNext(long chainId) {
        Optional<ChainCommands.Command> leased = transactions.execute(status -> commands.leaseNext(chainId, LEASE));
        if (leased == null || leased.isEmpty()) {
            return false;
        }
        ChainCommands.Command command = leased.get();
        try {
            String outcome = driver.run(command);
            transactions.executeWithoutResult(status -> commands.complete(command.id(), outcome));
            log.info("Chain {}: {} of settlement {} done: {}", chainId, command.kind(), command.settlementId(),
                    outcome);
        } catch (EvmSettlementDriver.Unrecoverable e) {
            transactions.executeWithoutResult(status -> commands.fail(command.id(), e.getMessage()));
            log.error("Chain {}: {} of settlement {} failed for good: {}", chainId, command.kind(),
                    command.settlementId(), e.getMessage());
        } catch (RuntimeException e) {
            Duration delay = backoff(command.attempts());
            String error = e instanceof ContractRevertedException ? e.getMessage() : e.toString();
            transactions.executeWithoutResult(status -> commands.retryLater(command.id(), error, delay));
            log.warn("Chain {}: {} of settlement {} failed (attempt {}), retrying in {}: {}", chainId,
                    command.kind(), command.settlementId(), command.attempts(), delay, error);
        }
        return true;
    }

    static Duration backoff(int attempts) {
        long base = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(attempts, 20));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
