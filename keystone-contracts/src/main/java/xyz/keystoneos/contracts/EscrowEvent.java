package xyz.keystoneos.contracts;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The escrow's events, decoded from logs: {@code LegDeposited}, {@code SettlementExecuted},
 * {@code SettlementRolledBack}, {@code SettlementTimedOut}. Each carries where it was found (block, transaction,
 * log index) so a watcher can apply it exactly once.
 */
public sealed interface EscrowEvent {

    String LEG_DEPOSITED = Abi.topic("LegDeposited(bytes32,uint256,address,address,uint256,bool)");
    String SETTLEMENT_EXECUTED = Abi.topic("SettlementExecuted(bytes32,uint256)");
    String SETTLEMENT_ROLLED_BACK = Abi.topic("SettlementRolledBack(bytes32,uint256)");
    String SETTLEMENT_TIMED_OUT = Abi.topic("SettlementTimedOut(bytes32,uint256)");

    /** Every topic the escrow emits that a watcher cares about. */
    List<String> TOPICS = List.of(LEG_DEPOSITED, SETTLEMENT_EXECUTED, SETTLEMENT_ROLLED_BACK, SETTLEMENT_TIMED_OUT);

    Origin origin();

    UUID settlementId();

    /** Where a log sits in the chain. */
    record Origin(long blockNumber, String blockHash, String transactionHash, long logIndex) {
    }

    record LegDeposited(Origin origin, UUID settlementId, int legIndex, String payer, String token,
            BigInteger amount, boolean allDeposited) implements EscrowEvent {
    }

    record SettlementExecuted(Origin origin, UUID settlementId, int legCount) implements EscrowEvent {
    }

    record SettlementRolledBack(Origin origin, UUID settlementId, int refundedLegs) implements EscrowEvent {
    }

    record SettlementTimedOut(Origin origin, UUID settlementId, int refundedLegs) implements EscrowEvent {
    }

    /** The event of a log, empty for logs of other events (LegsOpened) or removed logs. */
    static Optional<EscrowEvent> decode(Log log) {
        if (log.isRemoved() || log.getTopics().size() < 2 || !TOPICS.contains(log.getTopics().get(0))) {
            return Optional.empty();
        }
        Origin origin = new Origin(log.getBlockNumber().longValueExact(), log.getBlockHash(),
                log.getTransactionHash(), log.getLogIndex().longValueExact());
        List<String> topics = log.getTopics();
        String topic = topics.get(0);
        UUID settlementId = SettlementIds.fromHex(topics.get(1));
        byte[] data = Numeric.hexStringToByteArray(log.getData());
        if (topic.equals(LEG_DEPOSITED)) {
            return Optional.of(new LegDeposited(origin, settlementId,
                    Numeric.toBigInt(topics.get(2)).intValueExact(), Abi.addressOfTopic(topics.get(3)),
                    Abi.addressAt(data, 0), Abi.uintAt(data, 1), Abi.uintAt(data, 2).signum() != 0));
        }
        int count = data.length >= Abi.WORD ? Abi.uintAt(data, 0).intValueExact() : 0;
        if (topic.equals(SETTLEMENT_EXECUTED)) {
            return Optional.of(new SettlementExecuted(origin, settlementId, count));
        }
        if (topic.equals(SETTLEMENT_ROLLED_BACK)) {
            return Optional.of(new SettlementRolledBack(origin, settlementId, count));
        }
        if (topic.equals(SETTLEMENT_TIMED_OUT)) {
            return Optional.of(new SettlementTimedOut(origin, settlementId, count));
        }
        return Optional.empty();
    }
}
