package xyz.keystoneos.chain.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.EthBlock;
import xyz.keystoneos.chain.LegDeposited;
import xyz.keystoneos.contracts.EscrowEvent;
import xyz.keystoneos.contracts.EvmClient;

/**
 * Follows each evm chain's escrow and applies its confirmed events: {@code LegDeposited} marks the leg deposited
 * and publishes the same {@link LegDeposited} event the simulated ledger publishes ({@code triggered_by}
 * {@code chain:<tx>}), so the settlement engine moves on exactly as in the sandbox; {@code SettlementExecuted},
 * {@code SettlementRolledBack} and {@code SettlementTimedOut} close the legs.
 * <p>
 * Restart- and reorg-safe: a block range is applied in one transaction together with the cursor
 * ({@code chain_cursors}) that says it was, so a crash either applied all of it or none of it; each applied log is
 * recorded once in {@code chain_events}; only blocks with {@code confirmations} blocks on top are read; and the
 * hash of the last applied block is checked before every step — if the chain no longer has it (a reorg deeper than
 * the confirmation depth), the cursor steps back and the range is scanned again, where already applied events are
 * no-ops.
 */
@Component
class ChainEventWatcher extends PerChainLoop {

    static final int REORG_REWIND = 64;
    private static final Logger log = LoggerFactory.getLogger(ChainEventWatcher.class);

    private record Cursor(long nextBlock, Long lastBlock, String lastHash) {
    }

    private final EvmNetworks networks;
    private final EvmEscrowStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    ChainEventWatcher(EvmNetworks networks, EvmEscrowStore store, JdbcClient jdbc, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        super(networks, "chain-watcher");
        this.networks = networks;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    boolean step(long chainId) {
        return poll(chainId);
    }

    /**
     * Applies the next confirmed block range of the chain, if any; answers whether it did (so the caller goes on
     * at once).
     */
    boolean poll(long chainId) {
        EvmNetworks.Network network = networks.network(chainId);
        EvmClient client = network.client();
        Cursor cursor = cursor(chainId, network);
        if (cursor.lastBlock() != null) {
            Optional<EthBlock.Block> last = client.block(cursor.lastBlock());
            if (last.isEmpty() || !last.get().getHash().equalsIgnoreCase(cursor.lastHash())) {
                long rewindTo = Math.max(0, cursor.lastBlock() - REORG_REWIND);
                log.warn("Chain {}: block {} is no longer {} (reorg); scanning again from block {}", chainId,
                        cursor.lastBlock(), cursor.lastHash(), rewindTo);
                transactions.executeWithoutResult(status -> jdbc.sql("""
                        update chain_cursors set next_block = :next, last_block = null, last_hash = null,
                            updated_at = now()
                        where chain_id = :chain and next_block = :expected""")
                        .param("next", rewindTo).param("chain", chainId).param("expected", cursor.nextBlock())
                        .update());
                return true;
            }
        }
        long safeHead = client.blockNumber() - (Math.max(1, network.settings().getConfirmations()) - 1);
        if (cursor.nextBlock() > safeHead) {
            return false;
        }
        long to = Math.min(safeHead, cursor.nextBlock() + network.settings().getMaxBlockRange() - 1);
        String toHash = client.block(to).orElseThrow().getHash();
        List<EscrowEvent> found = client.logs(network.contracts().escrow(), cursor.nextBlock(), to).stream()
                .map(EscrowEvent::decode).flatMap(Optional::stream).toList();
        transactions.executeWithoutResult(status -> {
            int moved = jdbc.sql("""
                    update chain_cursors set next_block = :next, last_block = :last, last_hash = :hash,
                        updated_at = now()
                    where chain_id = :chain and next_block = :expected""")
                    .param("next", to + 1).param("last", to).param("hash", toHash).param("chain", chainId)
                    .param("expected", cursor.nextBlock()).update();
            if (moved != 1) {
                return; // another node applied this range meanwhile
            }
            found.forEach(event -> apply(chainId, event));
        });
        return true;
    }

    private Cursor cursor(long chainId, EvmNetworks.Network network) {
        Long start = network.settings().getStartBlock() != null ? network.settings().getStartBlock()
                : network.deployBlock();
        jdbc.sql("insert into chain_cursors (chain_id, next_block) values (:chain, :start) on conflict do nothing")
                .param("chain", chainId).param("start", start).update();
        return jdbc.sql("select next_block, last_block, last_hash from chain_cursors where chain_id = :chain")
                .param("chain", chainId)
                .query((rs, row) -> new Cursor(rs.getLong("next_block"), (Long) rs.getObject("last_block"),
                        rs.getString("last_hash")))
                .single();
    }

    private void apply(long chainId, EscrowEvent event) {
        UUID settlementId = event.settlementId();
        Integer legIndex = event instanceof EscrowEvent.LegDeposited deposited ? deposited.legIndex() : null;
        int recorded = jdbc.sql("""
                insert into chain_events (chain_id, tx_hash, log_index, block_number, block_hash, event,
                    settlement_id, leg_index)
                values (:chain, :tx, :log, :block, :hash, :event, :settlement, :leg)
                on conflict do nothing""")
                .param("chain", chainId).param("tx", event.origin().transactionHash())
                .param("log", event.origin().logIndex()).param("block", event.origin().blockNumber())
                .param("hash", event.origin().blockHash()).param("event", event.getClass().getSimpleName())
                .param("settlement", settlementId).param("leg", legIndex, java.sql.Types.INTEGER).update();
        if (recorded == 0 || !store.holds(settlementId)) {
            return; // applied before, or a settlement of another KeyStone deployment sharing the escrow
        }
        switch (event) {
            case EscrowEvent.LegDeposited deposited -> {
                if (store.markDeposited(settlementId, deposited.legIndex(), deposited.origin().transactionHash(),
                        deposited.payer())) {
                    events.publishEvent(new LegDeposited(settlementId, deposited.legIndex(),
                            store.allDeposited(settlementId), "chain:" + deposited.origin().transactionHash()));
                }
            }
            case EscrowEvent.SettlementExecuted executed -> store.markReleased(settlementId);
            case EscrowEvent.SettlementRolledBack rolledBack -> store.markRefunded(settlementId);
            case EscrowEvent.SettlementTimedOut timedOut -> store.markRefunded(settlementId);
        }
    }
}
