package xyz.keystoneos.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a state-changing call is named from its method and route pattern. */
class ActivityRoutesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(nullValues = "null", value = {
            "POST, /v1/settlements, settlement.created, settlements, settlement, null",
            "POST, /v1/settlements/{id}/compliance-decision, settlement.compliance_decided, settlements, settlement, id",
            "POST, /v1/instructions, instruction.submitted, instructions, instruction, null",
            "POST, /v1/instructions/{id}/cancel, instruction.cancelled, instructions, instruction, id",
            "POST, /v1/platforms/me/webhooks, webhook_endpoint.created, webhooks, webhook_endpoint, null",
            "PATCH, /v1/platforms/me/webhooks/{endpoint_id}, webhook_endpoint.updated, webhooks, webhook_endpoint, endpoint_id",
            "DELETE, /v1/platforms/me/webhooks/{endpoint_id}, webhook_endpoint.deleted, webhooks, webhook_endpoint, endpoint_id",
            "POST, /v1/platforms/me/webhooks/{endpoint_id}/rotate-secret, webhook_endpoint.secret_rotated, webhooks, webhook_endpoint, endpoint_id",
            "POST, /v1/platforms/me/webhooks/{endpoint_id}/replay, webhook_endpoint.replayed, webhooks, webhook_endpoint, endpoint_id",
            "POST, /v1/platforms/me/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry, webhook_delivery.retried, webhooks, webhook_delivery, delivery_id",
            "POST, /v1/settlement-templates, template.created, templates, template, null",
            "PATCH, /v1/settlement-templates/{id_or_slug}, template.updated, templates, template, id_or_slug",
            "POST, /v1/sandbox/settlements/{settlement_id}/legs/{leg_index}/deposit, sandbox.deposit, sandbox, settlement, settlement_id",
            "POST, /v1/platforms/me/environments, environment.created, environments, environment, null",
            "PATCH, /v1/platforms/me/environments/{id}, environment.updated, environments, environment, id",
            "POST, /v1/platforms/me/environments/{id}/clients/{client_id}/rotate-secret, client.secret_rotated, credentials, client, client_id",
            "DELETE, /v1/platforms/me/environments/{id}/ip-allowlist/{entry_id}, ip_allowlist_entry.deleted, environments, ip_allowlist_entry, entry_id",
            "POST, /v1/sessions, session.created, credentials, session, null",
            "PATCH, /v1/platforms/me, platform.updated, platform, platform, <me>",
            "POST, /v1/admin/platforms, platform.registered, admin, platform, null",
            "POST, /v1/admin/platforms/{id}/suspend, platform.suspended, admin, platform, id",
            "POST, /v1/admin/settlements/{id}/retry, settlement.retried, admin, settlement, id",
            "POST, /v1/admin/settlements/{id}/force-rollback, settlement.force_rolled_back, admin, settlement, id",
            "PUT, /v1/something-new/{thing_id}, something_new.updated, other, something_new, thing_id"})
    void namesTheCallFromItsRoute(String method, String pattern, String type, String category, String resourceType,
            String idVariable) {
        ActivityRoutes.Route route = ActivityRoutes.of(method, pattern);

        assertThat(route).isEqualTo(new ActivityRoutes.Route(type, category, resourceType, idVariable));
    }
}
