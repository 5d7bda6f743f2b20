package xyz.keystoneos.support;

/** Request bodies for the settlement-template endpoints. */
public final class TemplateJson {

    public static final String STANDARD_CONFIG = """
            {
              "states": ["INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS",
                         "EXECUTING_SWAP", "FINALIZED", "ROLLED_BACK", "TIMED_OUT"],
              "initial_state": "INSTRUCTED",
              "terminal_states": ["FINALIZED", "ROLLED_BACK", "TIMED_OUT"],
              "failure_states": ["ROLLED_BACK", "TIMED_OUT"],
              "transitions": {
                "INSTRUCTED": {"allowed_next": ["COMPLIANCE_CHECKING"]},
                "COMPLIANCE_CHECKING": {"allowed_next": ["COMPLIANCE_CLEARED", "ROLLED_BACK"]},
                "COMPLIANCE_CLEARED": {"allowed_next": ["AWAITING_DEPOSITS"]},
                "AWAITING_DEPOSITS": {"allowed_next": ["EXECUTING_SWAP", "ROLLED_BACK", "TIMED_OUT"]},
                "EXECUTING_SWAP": {"allowed_next": ["FINALIZED", "ROLLED_BACK"]}
              },
              "gates": {"COMPLIANCE_CLEARED": "compliance", "EXECUTING_SWAP": "all_deposits"},
              "required_roles": ["seller", "buyer"],
              "required_leg_types": ["asset_delivery"]
            }""";

    private TemplateJson() {
    }

    public static String create(String slug, String name) {
        return "{\"slug\": \"" + slug + "\", \"name\": \"" + name + "\", \"config\": " + STANDARD_CONFIG + "}";
    }

    public static String createWithKey(String key, String slug, String name) {
        return "{\"idempotency_key\": \"" + key + "\", \"slug\": \"" + slug + "\", \"name\": \"" + name
                + "\", \"config\": " + STANDARD_CONFIG + "}";
    }
}
