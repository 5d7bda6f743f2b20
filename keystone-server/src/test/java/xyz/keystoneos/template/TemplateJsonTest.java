package xyz.keystoneos.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

class TemplateJsonTest {

    private static final String MINIMAL = """
            {"states": ["OPEN", "DONE"], "initial_state": "OPEN", "terminal_states": ["DONE"],
             "transitions": {"OPEN": {"allowed_next": ["DONE"]}}, "gates": {"DONE": "all_deposits"},
             "required_leg_types": ["asset_delivery"]}""";

    @Test
    void configReadsSnakeCaseJsonAndFillsDefaults() {
        TemplateConfig config = TestJson.MAPPER.readValue(MINIMAL, TemplateConfig.class);

        assertThat(config.validate()).isEmpty();
        assertThat(config.initialState()).isEqualTo("OPEN");
        assertThat(config.allows("OPEN", "DONE")).isTrue();
        assertThat(config.gateFor("DONE")).contains(Gate.ALL_DEPOSITS);
        assertThat(config.requiredLegTypes()).containsExactly(LegType.ASSET_DELIVERY);
        assertThat(config.requiredRoles()).containsExactly("seller", "buyer");
    }

    @Test
    void configSurvivesAJsonRoundTrip() {
        TemplateConfig config = ConfigBuilder.standard().build();

        String json = TestJson.MAPPER.writeValueAsString(config);

        assertThat(TestJson.MAPPER.readValue(json, TemplateConfig.class)).isEqualTo(config);
        assertThat(json).contains("\"initial_state\":\"INSTRUCTED\"", "\"allowed_next\":",
                "\"COMPLIANCE_CLEARED\":\"compliance\"", "\"required_leg_types\":[\"asset_delivery\",\"payment\"]",
                "\"recheck_at_states\":[]");
    }

    @Test
    void transitionsKeepTheirOrder() {
        TemplateConfig config = TestJson.MAPPER.readValue(
                TestJson.MAPPER.writeValueAsString(ConfigBuilder.standard().build()), TemplateConfig.class);

        assertThat(config.transitions().keySet()).startsWith("INSTRUCTED", "COMPLIANCE_CHECKING");
    }

    @Test
    void unknownConfigMemberIsRejected() {
        String json = MINIMAL.replace("\"gates\"", "\"gate\"");

        assertThatThrownBy(() -> TestJson.MAPPER.readValue(json, TemplateConfig.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void unknownGateIsRejected() {
        String json = MINIMAL.replace("\"all_deposits\"", "\"all_signatures\"");

        assertThatThrownBy(() -> TestJson.MAPPER.readValue(json, TemplateConfig.class))
                .hasMessageContaining("all_signatures");
    }

    @Test
    void nullStateIsRejectedWithItsPath() {
        String json = MINIMAL.replace("[\"OPEN\", \"DONE\"]", "[\"OPEN\", null]");

        assertThatThrownBy(() -> TestJson.MAPPER.readValue(json, TemplateConfig.class))
                .isInstanceOfSatisfying(InvalidNullException.class, e ->
                        assertThat(e.getPath()).extracting(r -> r.getPropertyName()).contains("states"));
    }

    @Test
    void templateIsWrittenWithSnakeCaseNames() {
        SettlementTemplate template = new SettlementTemplate(UUID.randomUUID(), "dvp-standard", "DvP", null, 2,
                true, ConfigBuilder.standard().build(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"));

        JsonNode json = TestJson.MAPPER.valueToTree(template);

        assertThat(json.propertyNames()).containsExactly("id", "slug", "name", "description", "version",
                "is_active", "config", "created_at", "updated_at");
        assertThat(json.get("is_active").asBoolean()).isTrue();
        assertThat(json.get("created_at").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(json.get("config").get("terminal_states").size()).isEqualTo(3);
    }

    @Test
    void configJsonHasOnlyItsDeclaredMembers() {
        JsonNode json = TestJson.MAPPER.valueToTree(ConfigBuilder.standard().build());

        assertThat(List.copyOf(json.propertyNames())).containsExactly("states", "initial_state", "terminal_states",
                "failure_states", "transitions", "gates", "required_roles", "required_leg_types", "compliance",
                "actions");
    }
}
