package xyz.keystoneos.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link TemplateConfig}s for tests, starting from the standard DvP workflow of SPEC §7. */
public final class ConfigBuilder {

    public List<String> states = new ArrayList<>(List.of("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
            "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED", "ROLLED_BACK", "TIMED_OUT"));
    public String initialState = "INSTRUCTED";
    public List<String> terminalStates = new ArrayList<>(List.of("FINALIZED", "ROLLED_BACK", "TIMED_OUT"));
    public List<String> failureStates = new ArrayList<>(List.of("ROLLED_BACK", "TIMED_OUT"));
    public Map<String, TemplateConfig.Transition> transitions = new LinkedHashMap<>();
    public Map<String, Gate> gates = new LinkedHashMap<>(Map.of("COMPLIANCE_CLEARED", Gate.COMPLIANCE,
            "EXECUTING_SWAP", Gate.ALL_DEPOSITS));
    public List<String> requiredRoles = new ArrayList<>(List.of("seller", "buyer"));
    public List<LegType> requiredLegTypes = new ArrayList<>(List.of(LegType.ASSET_DELIVERY, LegType.PAYMENT));
    public TemplateConfig.Compliance compliance = new TemplateConfig.Compliance(List.of("sanctions_list"),
            List.of("sanctions_list"), List.of());
    public Map<String, List<String>> actions = new LinkedHashMap<>();

    ConfigBuilder() {
        transition("INSTRUCTED", "COMPLIANCE_CHECKING");
        transition("COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "ROLLED_BACK");
        transition("COMPLIANCE_CLEARED", "AWAITING_DEPOSITS");
        transition("AWAITING_DEPOSITS", "EXECUTING_SWAP", "ROLLED_BACK", "TIMED_OUT");
        transition("EXECUTING_SWAP", "FINALIZED", "ROLLED_BACK");
        transition("FINALIZED");
        transition("ROLLED_BACK");
        transition("TIMED_OUT");
    }

    public static ConfigBuilder standard() {
        return new ConfigBuilder();
    }

    public ConfigBuilder transition(String from, String... allowedNext) {
        transitions.put(from, new TemplateConfig.Transition(List.of(allowedNext)));
        return this;
    }

    public TemplateConfig build() {
        return new TemplateConfig(states, initialState, terminalStates, failureStates, transitions, gates,
                requiredRoles, requiredLegTypes, compliance, actions);
    }
}
