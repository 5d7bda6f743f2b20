package xyz.keystoneos.instruction.internal.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Whether an incoming instruction is the counterpart of a pending one (SPEC §6): same template, different roles
 * that together are the template's required roles, the same set of instruments, equal quantity, opposite direction
 * and the same chain per instrument, and the same repo terms. Every difference is reported, each against the
 * incoming instruction's field.
 */
public final class Matching {

    private Matching() {
    }

    public static List<FieldError> differences(Terms pending, Terms incoming, List<String> requiredRoles) {
        List<FieldError> differences = new ArrayList<>();
        if (!pending.templateSlug().equals(incoming.templateSlug())) {
            differences.add(new FieldError("template_slug", "is '" + incoming.templateSlug()
                    + "' but the counterparty instruction uses '" + pending.templateSlug() + "'"));
        }
        if (pending.role().equals(incoming.role())) {
            differences.add(new FieldError("role", "is '" + incoming.role()
                    + "', the same as the counterparty's; the two sides need different roles"));
        } else if (!Set.of(pending.role(), incoming.role()).containsAll(requiredRoles)) {
            differences.add(new FieldError("role", "'" + pending.role() + "' and '" + incoming.role()
                    + "' do not cover the template's roles " + requiredRoles));
        }
        compareLegs(pending, incoming, differences);
        if (!Objects.equals(pending.settlementCategory(), incoming.settlementCategory())) {
            differences.add(new FieldError("settlement_category", "is " + describe(incoming.settlementCategory())
                    + " but the counterparty's is " + describe(pending.settlementCategory())));
        }
        if (!Objects.equals(pending.maturityAt(), incoming.maturityAt())) {
            differences.add(new FieldError("maturity_at", "is " + incoming.maturityAt()
                    + " but the counterparty's is " + pending.maturityAt()));
        }
        if (!sameAmount(pending, incoming)) {
            differences.add(new FieldError("repayment_amount", "is " + plain(incoming.repaymentAmount())
                    + " but the counterparty's is " + plain(pending.repaymentAmount())));
        }
        return differences;
    }

    private static void compareLegs(Terms pending, Terms incoming, List<FieldError> differences) {
        Map<String, Terms.LegTerms> theirs = byInstrument(pending.legs());
        Map<String, Terms.LegTerms> ours = byInstrument(incoming.legs());
        if (!theirs.keySet().equals(ours.keySet())) {
            differences.add(new FieldError("legs", "cover the instruments " + new TreeSet<>(ours.keySet())
                    + " but the counterparty's cover " + new TreeSet<>(theirs.keySet())));
        }
        for (int i = 0; i < incoming.legs().size(); i++) {
            Terms.LegTerms leg = incoming.legs().get(i);
            Terms.LegTerms counterpart = theirs.get(leg.instrumentId());
            if (counterpart == null) {
                continue;
            }
            String path = "legs[" + i + "]";
            if (leg.quantity().compareTo(counterpart.quantity()) != 0) {
                differences.add(new FieldError(path + ".quantity", "is " + plain(leg.quantity())
                        + " but the counterparty's is " + plain(counterpart.quantity())));
            }
            if (leg.direction().equals(counterpart.direction())) {
                differences.add(new FieldError(path + ".direction", "must be the opposite of the counterparty's ("
                        + counterpart.direction() + " " + leg.instrumentId() + ")"));
            }
            if (leg.chainId() != counterpart.chainId()) {
                differences.add(new FieldError(path + ".chain_id", "is " + leg.chainId()
                        + " but the counterparty's is " + counterpart.chainId()));
            }
        }
    }

    private static Map<String, Terms.LegTerms> byInstrument(List<Terms.LegTerms> legs) {
        Map<String, Terms.LegTerms> map = new LinkedHashMap<>();
        legs.forEach(leg -> map.putIfAbsent(leg.instrumentId(), leg));
        return map;
    }

    private static boolean sameAmount(Terms a, Terms b) {
        if (a.repaymentAmount() == null || b.repaymentAmount() == null) {
            return a.repaymentAmount() == b.repaymentAmount();
        }
        return a.repaymentAmount().compareTo(b.repaymentAmount()) == 0;
    }

    private static String describe(String category) {
        return category == null ? "not set" : "'" + category + "'";
    }

    private static String plain(java.math.BigDecimal amount) {
        return amount == null ? "not set" : amount.stripTrailingZeros().toPlainString();
    }
}
