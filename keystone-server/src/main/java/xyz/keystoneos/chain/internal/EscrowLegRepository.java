package xyz.keystoneos.chain.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.chain.DepositStatus;

/** SQL for {@code chain_escrow_legs}. Locks are row locks held until the end of the current transaction. */
@Repository
class EscrowLegRepository {

    private static final String COLUMNS = """
            settlement_id, leg_index, chain_id, instrument_id, quantity, depositor_wallet, recipient_wallet,
            owning_platform_id, owning_environment_id, deposit_key, deposit_secret, status""";

    /** Arbitrary tag for this module's two-key advisory locks; the second key is the settlement's hash. */
    private static final int ADVISORY_LOCK_CLASS = 0x43484e31;

    private final JdbcClient jdbc;

    EscrowLegRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises escrow openings of one settlement across transactions and nodes (a transaction-scoped advisory
     * lock), so that two concurrent first calls cannot interleave their legs.
     */
    void lockSettlement(UUID settlementId) {
        jdbc.sql("select pg_advisory_xact_lock(:class, :key)")
                .param("class", ADVISORY_LOCK_CLASS).param("key", settlementId.hashCode())
                .query((rs, row) -> Boolean.TRUE).single();
    }

    /** The settlement's legs ordered by index, unlocked. */
    List<EscrowLegRow> findAll(UUID settlementId) {
        return jdbc.sql("select " + COLUMNS + " from chain_escrow_legs where settlement_id = :id order by leg_index")
                .param("id", settlementId).query(EscrowLegRepository::row).list();
    }

    /** The legs of several settlements, by settlement and leg index. */
    List<EscrowLegRow> findAll(Collection<UUID> settlementIds) {
        if (settlementIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from chain_escrow_legs where settlement_id = any(:ids)"
                        + " order by settlement_id, leg_index")
                .param("ids", settlementIds.toArray(UUID[]::new)).query(EscrowLegRepository::row).list();
    }

    /** The settlement's legs ordered by index, each locked in that order. */
    List<EscrowLegRow> lockAll(UUID settlementId) {
        return jdbc.sql("select " + COLUMNS + " from chain_escrow_legs where settlement_id = :id"
                        + " order by leg_index for update")
                .param("id", settlementId).query(EscrowLegRepository::row).list();
    }

    /** Whether every leg is deposited or every leg was released; false when the settlement has no legs. */
    boolean allDeposited(UUID settlementId) {
        return jdbc.sql("""
                select count(*) > 0 and (bool_and(status = 'deposited') or bool_and(status = 'released'))
                from chain_escrow_legs where settlement_id = :id""")
                .param("id", settlementId).query(Boolean.class).single();
    }

    void insert(EscrowLegRow leg) {
        jdbc.sql("""
                insert into chain_escrow_legs (settlement_id, leg_index, chain_id, instrument_id, quantity,
                    depositor_wallet, recipient_wallet, owning_platform_id, owning_environment_id, deposit_key,
                    deposit_secret, status)
                values (:settlement, :leg, :chain, :instrument, :quantity, :depositor, :recipient, :platform,
                    :environment, :key, :secret, :status)""")
                .param("settlement", leg.settlementId()).param("leg", leg.legIndex()).param("chain", leg.chainId())
                .param("instrument", leg.instrumentId()).param("quantity", leg.quantity())
                .param("depositor", leg.depositorWallet()).param("recipient", leg.recipientWallet())
                .param("platform", leg.owningPlatformId()).param("environment", leg.owningEnvironmentId())
                .param("key", leg.depositKey()).param("secret", leg.depositSecret())
                .param("status", text(leg.status())).update();
    }

    /** Moves a locked leg to {@code status}, stamping {@code deposited_at} or {@code closed_at}. */
    void setStatus(UUID settlementId, int legIndex, DepositStatus status) {
        String stamp = switch (status) {
            case DEPOSITED -> ", deposited_at = now()";
            case RELEASED, REFUNDED -> ", closed_at = now()";
            case PENDING -> throw new IllegalArgumentException("a leg never returns to pending");
        };
        jdbc.sql("update chain_escrow_legs set status = :status, updated_at = now()" + stamp
                        + " where settlement_id = :id and leg_index = :leg")
                .param("status", text(status)).param("id", settlementId).param("leg", legIndex).update();
    }

    private static String text(DepositStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static EscrowLegRow row(ResultSet rs, int row) throws SQLException {
        return new EscrowLegRow(rs.getObject("settlement_id", UUID.class), rs.getInt("leg_index"),
                rs.getLong("chain_id"), rs.getString("instrument_id"), rs.getBigDecimal("quantity"),
                rs.getString("depositor_wallet"), rs.getString("recipient_wallet"),
                rs.getObject("owning_platform_id", UUID.class), rs.getObject("owning_environment_id", UUID.class),
                rs.getString("deposit_key"), rs.getString("deposit_secret"),
                DepositStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)));
    }
}
