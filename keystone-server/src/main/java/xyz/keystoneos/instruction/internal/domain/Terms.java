package xyz.keystoneos.instruction.internal.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The economic terms of one side of a trade, as matching compares them.
 *
 * @param settlementCategory null or {@code repo_open}
 */
public record Terms(String templateSlug, String role, List<LegTerms> legs, String settlementCategory,
        Instant maturityAt, BigDecimal repaymentAmount) {

    /** One leg of one side: its instrument, quantity, direction from this side's view, and chain. */
    public record LegTerms(String instrumentId, BigDecimal quantity, String direction, long chainId,
            String legType) {
    }
}
