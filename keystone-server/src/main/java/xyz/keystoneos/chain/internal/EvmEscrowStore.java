package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.chain.DepositStatus;

/** SQL for {@code evm_escrows} and {@code evm_escrow_legs}. */
@Repository
class EvmEscrowStore {

    private static final int ADVISORY_LOCK_CLASS = 0x45564d32;
    private static final String LEG_COLUMNS = """
            settlement_id, leg_index, chain_id, instrument_id, token_address, quantity, depositor_wallet,
            recipient_wallet, owning_platform_id, owning_environment_id, deposit_key, deposit_secret, status""";

    /** A settlement's escrow on an EVM chain. */
    record Escrow(UUID settlementId, long chainId, Instant timeoutAt, Instant deadline, String escrowAddress,
            String status) {
    }

    /** One leg. */
    record Leg(UUID settlementId, int legIndex, long chainId, String instrumentId, String tokenAddress,
            BigDecimal quantity, String depositorWallet, String recipientWallet, UUID owningPlatformId,
            UUID owningEnvironmentId, String depositKey, String depositSecret, DepositStatus status) {
    }

    private final JdbcClient jdbc;

    EvmEscrowStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lockSettlement(UUID settlementId) {
        jdbc.sql("select pg_advisory_xact_lock(:class, :key)").param("class", ADVISORY_LOCK_CLASS)
                .param("key", settlementId.hashCode()).query((rs, row) -> Boolean.TRUE).single();
    }

    boolean holds(UUID settlementId) {
        return jdbc.sql("select exists (select 1 from evm_escrows where settlement_id = :id)")
                .param("id", settlementId).query(Boolean.class).single();
    }

    Optional<Escrow> escrow(UUID settlementId) {
        return jdbc.sql("""
                select settlement_id, chain_id, timeout_at, deadline, escrow_address, status
                from evm_escrows where settlement_id = :id""")
                .param("id", settlementId).query(EvmEscrowStore::escrowRow).optional();
    }

    Optional<Escrow> lockEscrow(UUID settlementId) {
        return jdbc.sql("""
                select settlement_id, chain_id, timeout_at, deadline, escrow_address, status
                from evm_escrows where settlement_id = :id for update""")
                .param("id", settlementId).query(EvmEscrowStore::escrowRow).optional();
    }

    void insertEscrow(UUID settlementId, long chainId, Instant timeoutAt, Instant deadline) {
        jdbc.sql("""
                insert into evm_escrows (settlement_id, chain_id, timeout_at, deadline)
                values (:id, :chain, :timeout, :deadline)""")
                .param("id", settlementId).param("chain", chainId).param("timeout", utc(timeoutAt))
                .param("deadline", utc(deadline)).update();
    }

    void setStatus(UUID settlementId, String status) {
        jdbc.sql("update evm_escrows set status = :status, updated_at = now() where settlement_id = :id")
                .param("status", status).param("id", settlementId).update();
    }

    void markOpen(UUID settlementId, String escrowAddress) {
        jdbc.sql("""
                update evm_escrows set status = 'open', escrow_address = :escrow, updated_at = now()
                where settlement_id = :id and status = 'opening'""")
                .param("escrow", escrowAddress).param("id", settlementId).update();
    }

    void insertLeg(Leg leg) {
        jdbc.sql("""
                insert into evm_escrow_legs (settlement_id, leg_index, chain_id, instrument_id, token_address,
                    quantity, depositor_wallet, recipient_wallet, owning_platform_id, owning_environment_id,
                    deposit_key, deposit_secret)
                values (:settlement, :leg, :chain, :instrument, :token, :quantity, :depositor, :recipient,
                    :platform, :environment, :key, :secret)""")
                .param("settlement", leg.settlementId()).param("leg", leg.legIndex()).param("chain", leg.chainId())
                .param("instrument", leg.instrumentId()).param("token", leg.tokenAddress())
                .param("quantity", leg.quantity()).param("depositor", leg.depositorWallet())
                .param("recipient", leg.recipientWallet()).param("platform", leg.owningPlatformId())
                .param("environment", leg.owningEnvironmentId()).param("key", leg.depositKey())
                .param("secret", leg.depositSecret()).update();
    }

    List<Leg> legs(UUID settlementId) {
        return jdbc.sql("select " + LEG_COLUMNS + " from evm_escrow_legs where settlement_id = :id order by leg_index")
                .param("id", settlementId).query(EvmEscrowStore::legRow).list();
    }

    List<Leg> lockLegs(UUID settlementId) {
        return jdbc.sql("select " + LEG_COLUMNS
                        + " from evm_escrow_legs where settlement_id = :id order by leg_index for update")
                .param("id", settlementId).query(EvmEscrowStore::legRow).list();
    }

    boolean allDeposited(UUID settlementId) {
        return jdbc.sql("""
                select count(*) > 0 and (bool_and(status = 'deposited') or bool_and(status = 'released'))
                from evm_escrow_legs where settlement_id = :id""")
                .param("id", settlementId).query(Boolean.class).single();
    }

    /** Pending → deposited; answers whether this call changed the leg. */
    boolean markDeposited(UUID settlementId, int legIndex, String transactionHash, String payer) {
        return jdbc.sql("""
                update evm_escrow_legs set status = 'deposited', deposit_tx = :tx, payer_wallet = :payer,
                    updated_at = now()
                where settlement_id = :id and leg_index = :leg and status = 'pending'""")
                .param("tx", transactionHash).param("payer", payer).param("id", settlementId).param("leg", legIndex)
                .update() == 1;
    }

    void markReleased(UUID settlementId) {
        jdbc.sql("""
                update evm_escrow_legs set status = 'released', updated_at = now()
                where settlement_id = :id and status = 'deposited'""").param("id", settlementId).update();
        setStatus(settlementId, "released");
    }

    void markRefunded(UUID settlementId) {
        jdbc.sql("""
                update evm_escrow_legs set status = 'refunded', updated_at = now()
                where settlement_id = :id and status in ('pending', 'deposited')""").param("id", settlementId).update();
        setStatus(settlementId, "refunded");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Escrow escrowRow(ResultSet rs, int row) throws SQLException {
        return new Escrow(rs.getObject("settlement_id", UUID.class), rs.getLong("chain_id"),
                rs.getObject("timeout_at", OffsetDateTime.class).toInstant(),
                rs.getObject("deadline", OffsetDateTime.class).toInstant(), rs.getString("escrow_address"),
                rs.getString("status"));
    }

    private static Leg legRow(ResultSet rs, int row) throws SQLException {
        return new Leg(rs.getObject("settlement_id", UUID.class), rs.getInt("leg_index"), rs.getLong("chain_id"),
                rs.getString("instrument_id"), rs.getString("token_address"), rs.getBigDecimal("quantity"),
                rs.getString("depositor_wallet"), rs.getString("recipient_wallet"),
                rs.getObject("owning_platform_id", UUID.class), rs.getObject("owning_environment_id", UUID.class),
                rs.getString("deposit_key"), rs.getString("deposit_secret"),
                DepositStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)));
    }
}
