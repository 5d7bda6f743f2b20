package xyz.keystoneos.instruction.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.instruction.internal.domain.Terms.LegTerms;
import xyz.keystoneos.shared.web.FieldError;

/** {@link Matching#differences}: the bilateral matching rules of SPEC §6, one difference at a time. */
class MatchingTest {

    private static final List<String> SELLER_AND_BUYER = List.of("seller", "buyer");
    private static final String BOND = "BOND-2026-A";
    private static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
    private static final Instant MATURITY = Instant.parse("2027-05-01T12:00:00Z");

    private static LegTerms leg(String instrument, String quantity, String direction, long chain, String type) {
        return new LegTerms(instrument, new BigDecimal(quantity), direction, chain, type);
    }

    /** The seller delivers 1000 bonds and receives 1,000,000 USDC, both on chain 1. */
    private static Terms seller() {
        return new Terms("dvp-standard", "seller", List.of(
                leg(BOND, "1000", "deliver", 1, "asset_delivery"),
                leg(USDC, "1000000", "receive", 1, "payment")), null, null, null);
    }

    /** The buyer's mirror image of {@link #seller()}. */
    private static Terms buyer() {
        return buyer(List.of(
                leg(BOND, "1000", "receive", 1, "asset_delivery"),
                leg(USDC, "1000000", "deliver", 1, "payment")));
    }

    private static Terms buyer(List<LegTerms> legs) {
        return new Terms("dvp-standard", "buyer", legs, null, null, null);
    }

    private static Terms repo(String role, List<LegTerms> legs, String category, Instant maturity, String repayment) {
        return new Terms("repo-standard", role, legs, category, maturity,
                repayment == null ? null : new BigDecimal(repayment));
    }

    private static List<String> fields(List<FieldError> differences) {
        return differences.stream().map(FieldError::field).toList();
    }

    @Nested
    class Matches {

        @Test
        void mirroredInstructionsHaveNoDifferences() {
            assertThat(Matching.differences(seller(), buyer(), SELLER_AND_BUYER)).isEmpty();
        }

        @Test
        void matchingIsSymmetric() {
            assertThat(Matching.differences(buyer(), seller(), SELLER_AND_BUYER)).isEmpty();
        }

        @Test
        void theOrderOfTheLegsDoesNotMatter() {
            Terms reordered = buyer(List.of(
                    leg(USDC, "1000000", "deliver", 1, "payment"),
                    leg(BOND, "1000", "receive", 1, "asset_delivery")));

            assertThat(Matching.differences(seller(), reordered, SELLER_AND_BUYER)).isEmpty();
        }

        @Test
        void quantitiesAreComparedAsNumbersNotAsText() {
            Terms sameAmountsWrittenDifferently = buyer(List.of(
                    leg(BOND, "1000.0", "receive", 1, "asset_delivery"),
                    leg(USDC, "1E+6", "deliver", 1, "payment")));

            assertThat(Matching.differences(seller(), sameAmountsWrittenDifferently, SELLER_AND_BUYER)).isEmpty();
        }

        @Test
        void quantitiesBeyondSixtyFourBitsMatchExactly() {
            String wei = "123456789012345678901234567890.123456789";
            Terms pending = new Terms("dvp-standard", "seller", List.of(leg("ETH", wei, "deliver", 1, "payment")),
                    null, null, null);
            Terms incoming = buyer(List.of(leg("ETH", wei + "000", "receive", 1, "payment")));

            assertThat(Matching.differences(pending, incoming, SELLER_AND_BUYER)).isEmpty();
        }

        @Test
        void theTemplatesRequiredRolesDecideWhichRolesPair() {
            Terms lender = new Terms("repo-standard", "lender", seller().legs(), null, null, null);
            Terms borrower = new Terms("repo-standard", "borrower", buyer().legs(), null, null, null);

            assertThat(Matching.differences(lender, borrower, List.of("lender", "borrower"))).isEmpty();
        }

        @Test
        void matchingRepoTermsHaveNoDifferences() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = repo("buyer", buyer().legs(), "repo_open", MATURITY, "1010000.00");

            assertThat(Matching.differences(pending, incoming, SELLER_AND_BUYER)).isEmpty();
        }
    }

    @Nested
    class Differences {

        @Test
        void aDifferentTemplateIsReportedOnTemplateSlug() {
            Terms incoming = new Terms("fop-standard", "buyer", buyer().legs(), null, null, null);

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("template_slug",
                    "is 'fop-standard' but the counterparty instruction uses 'dvp-standard'"));
        }

        @Test
        void theSameRoleOnBothSidesIsReportedOnRole() {
            Terms incoming = new Terms("dvp-standard", "seller", buyer().legs(), null, null, null);

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(fields(differences)).containsExactly("role");
            assertThat(differences.getFirst().message()).contains("'seller'").contains("different roles");
        }

        @Test
        void rolesThatDoNotCoverTheTemplatesRolesAreReportedOnRole() {
            Terms incoming = new Terms("dvp-standard", "lender", buyer().legs(), null, null, null);

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("role",
                    "'seller' and 'lender' do not cover the template's roles [seller, buyer]"));
        }

        @Test
        void aDifferentInstrumentIsReportedOnLegsWithBothSets() {
            Terms incoming = buyer(List.of(
                    leg("BOND-2026-B", "1000", "receive", 1, "asset_delivery"),
                    leg(USDC, "1000000", "deliver", 1, "payment")));

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("legs",
                    "cover the instruments [" + USDC + ", BOND-2026-B] but the counterparty's cover ["
                            + USDC + ", BOND-2026-A]"));
        }

        @Test
        void aMissingInstrumentIsReportedOnLegs() {
            Terms incoming = buyer(List.of(leg(BOND, "1000", "receive", 1, "asset_delivery")));

            assertThat(fields(Matching.differences(seller(), incoming, SELLER_AND_BUYER))).containsExactly("legs");
        }

        @Test
        void anExtraInstrumentIsReportedOnLegs() {
            Terms incoming = buyer(List.of(
                    leg(BOND, "1000", "receive", 1, "asset_delivery"),
                    leg(USDC, "1000000", "deliver", 1, "payment"),
                    leg("EURC", "5", "deliver", 1, "payment")));

            assertThat(fields(Matching.differences(seller(), incoming, SELLER_AND_BUYER))).containsExactly("legs");
        }

        @Test
        void instrumentIdsAreCompared() {
            Terms incoming = buyer(List.of(
                    leg(BOND, "1000", "receive", 1, "asset_delivery"),
                    leg("USDT", "1000000", "deliver", 1, "payment")));

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(fields(differences)).containsExactly("legs");
            assertThat(differences.getFirst().message()).contains("USDT").contains(USDC);
        }

        @Test
        void aDifferentQuantityIsReportedOnTheIncomingLegsQuantity() {
            Terms incoming = buyer(List.of(
                    leg(USDC, "1000000", "deliver", 1, "payment"),
                    leg(BOND, "999.50", "receive", 1, "asset_delivery")));

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(
                    new FieldError("legs[1].quantity", "is 999.5 but the counterparty's is 1000"));
        }

        @Test
        void theSameDirectionOnBothSidesIsReportedOnDirection() {
            Terms incoming = buyer(List.of(
                    leg(BOND, "1000", "deliver", 1, "asset_delivery"),
                    leg(USDC, "1000000", "deliver", 1, "payment")));

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("legs[0].direction",
                    "must be the opposite of the counterparty's (deliver " + BOND + ")"));
        }

        @Test
        void aDifferentChainIsReportedOnChainId() {
            Terms incoming = buyer(List.of(
                    leg(BOND, "1000", "receive", 1, "asset_delivery"),
                    leg(USDC, "1000000", "deliver", 137, "payment")));

            List<FieldError> differences = Matching.differences(seller(), incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(
                    new FieldError("legs[1].chain_id", "is 137 but the counterparty's is 1"));
        }

        @Test
        void aRepoAgainstAPlainTradeIsReportedOnSettlementCategory() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = repo("buyer", buyer().legs(), null, MATURITY, "1010000");

            List<FieldError> differences = Matching.differences(pending, incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("settlement_category",
                    "is not set but the counterparty's is 'repo_open'"));
        }

        @Test
        void aDifferentMaturityIsReportedOnMaturityAt() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = repo("buyer", buyer().legs(), "repo_open", MATURITY.plusSeconds(86_400), "1010000");

            List<FieldError> differences = Matching.differences(pending, incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("maturity_at",
                    "is 2027-05-02T12:00:00Z but the counterparty's is 2027-05-01T12:00:00Z"));
        }

        @Test
        void aDifferentRepaymentIsReportedOnRepaymentAmount() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = repo("buyer", buyer().legs(), "repo_open", MATURITY, "1010000.01");

            List<FieldError> differences = Matching.differences(pending, incoming, SELLER_AND_BUYER);

            assertThat(differences).containsExactly(new FieldError("repayment_amount",
                    "is 1010000.01 but the counterparty's is 1010000"));
        }

        @Test
        void aRepaymentOnOneSideOnlyIsReportedOnRepaymentAmount() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, null);
            Terms incoming = repo("buyer", buyer().legs(), "repo_open", MATURITY, "1010000");

            assertThat(Matching.differences(pending, incoming, SELLER_AND_BUYER)).containsExactly(new FieldError(
                    "repayment_amount", "is 1010000 but the counterparty's is not set"));
            assertThat(fields(Matching.differences(incoming, pending, SELLER_AND_BUYER)))
                    .containsExactly("repayment_amount");
        }

        @Test
        void aMaturityOnOneSideOnlyIsReportedOnMaturityAt() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = repo("buyer", buyer().legs(), "repo_open", null, "1010000");

            assertThat(fields(Matching.differences(pending, incoming, SELLER_AND_BUYER)))
                    .containsExactly("maturity_at");
        }

        @Test
        void everyDifferenceIsReportedAtOnce() {
            Terms pending = repo("seller", seller().legs(), "repo_open", MATURITY, "1010000");
            Terms incoming = new Terms("dvp-standard", "seller", List.of(
                    leg(USDC, "999999", "receive", 5, "payment"),
                    leg(BOND, "1000", "deliver", 1, "asset_delivery"),
                    leg("EURC", "1", "deliver", 1, "payment")), null, MATURITY.plusSeconds(1), null);

            List<FieldError> differences = Matching.differences(pending, incoming, SELLER_AND_BUYER);

            assertThat(fields(differences)).containsExactly(
                    "template_slug",
                    "role",
                    "legs",
                    "legs[0].quantity",
                    "legs[0].direction",
                    "legs[0].chain_id",
                    "legs[1].direction",
                    "settlement_category",
                    "maturity_at",
                    "repayment_amount");
        }
    }
}
