package xyz.keystoneos.settlement;

import java.util.UUID;

/**
 * Creates settlements. Joins the caller's transaction (matching creates the settlement in the same transaction
 * that marks both instructions matched).
 */
public interface SettlementCreation {

    /**
     * Validates the settlement against its template and stores it in the template's initial state with its first
     * event, its outbox rows and its engine jobs.
     *
     * @throws xyz.keystoneos.shared.web.ApiException 422 with field errors when a rule is broken
     */
    UUID create(NewSettlement settlement);
}
