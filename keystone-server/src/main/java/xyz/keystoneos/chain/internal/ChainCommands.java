package xyz.keystoneos.chain.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the {@code chain_commands} outbox and the {@code chain_transactions} it produced. Commands are enqueued
 * in the caller's transaction; a worker leases one at a time ({@code FOR UPDATE SKIP LOCKED}), never one whose
 * settlement still has an earlier command pending, so a settlement's commands run in order.
 */
@Repository
class ChainCommands {

    /** What a command asks of the chain. */
    enum Kind { OPEN, RELEASE, REFUND }

    record Command(long id, UUID settlementId, long chainId, Kind kind, int attempts) {
    }

    private final JdbcClient jdbc;

    ChainCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enqueues a command; a second one of the same kind for the settlement is ignored. */
    void enqueue(UUID settlementId, long chainId, Kind kind) {
        jdbc.sql("""
                insert into chain_commands (settlement_id, chain_id, kind) values (:id, :chain, :kind)
                on conflict (settlement_id, kind) do nothing""")
                .param("id", settlementId).param("chain", chainId).param("kind", kind.name().toLowerCase()).update();
    }

    /** Leases the next due command of a chain for {@code lease}; counts the attempt. */
    Optional<Command> leaseNext(long chainId, Duration lease) {
        return jdbc.sql("""
                update chain_commands set leased_until = now() + make_interval(secs => :lease),
                    attempts = attempts + 1
                where id = (
                    select c.id from chain_commands c
                    where c.chain_id = :chain and c.status = 'pending' and c.next_attempt_at <= now()
                      and (c.leased_until is null or c.leased_until < now())
                      and not exists (select 1 from chain_commands e where e.settlement_id = c.settlement_id
                                      and e.id < c.id and e.status = 'pending')
                    order by c.id limit 1 for update skip locked)
                returning id, settlement_id, chain_id, kind, attempts""")
                .param("lease", lease.toSeconds()).param("chain", chainId)
                .query((rs, row) -> new Command(rs.getLong("id"), rs.getObject("settlement_id", UUID.class),
                        rs.getLong("chain_id"), Kind.valueOf(rs.getString("kind").toUpperCase()),
                        rs.getInt("attempts")))
                .optional();
    }

    void complete(long commandId, String outcome) {
        jdbc.sql("""
                update chain_commands set status = 'done', outcome = :outcome, completed_at = now(),
                    leased_until = null, last_error = null
                where id = :id""").param("outcome", outcome).param("id", commandId).update();
    }

    /** Schedules another attempt after {@code delay}. */
    void retryLater(long commandId, String error, Duration delay) {
        jdbc.sql("""
                update chain_commands set next_attempt_at = now() + make_interval(secs => :delay),
                    leased_until = null, last_error = :error
                where id = :id""").param("delay", delay.toMillis() / 1000.0).param("error", error)
                .param("id", commandId).update();
    }

    /** Gives up: the command needs an operator (the error says why). */
    void fail(long commandId, String error) {
        jdbc.sql("""
                update chain_commands set status = 'failed', leased_until = null, last_error = :error,
                    completed_at = now()
                where id = :id""").param("error", error).param("id", commandId).update();
    }

    void recordTransaction(Command command, String function, String transactionHash, long blockNumber,
            long gasUsed) {
        jdbc.sql("""
                insert into chain_transactions (command_id, settlement_id, chain_id, function_name, tx_hash,
                    block_number, gas_used)
                values (:command, :settlement, :chain, :function, :tx, :block, :gas)""")
                .param("command", command.id()).param("settlement", command.settlementId())
                .param("chain", command.chainId()).param("function", function).param("tx", transactionHash)
                .param("block", blockNumber).param("gas", gasUsed).update();
    }
}
