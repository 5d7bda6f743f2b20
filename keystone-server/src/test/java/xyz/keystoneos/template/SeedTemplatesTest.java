package xyz.keystoneos.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in templates in {@code templates/seed/*.json} are well-formed and match SPEC §5, §6, §7 and §9. */
class SeedTemplatesTest {

    /** The shape of a seed file; unknown members are refused. */
    record Seed(String slug, String name, String description, TemplateConfig config) {
    }

    private static Map<String, Seed> seeds;

    @BeforeAll
    static void readSeedFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(SeedTemplatesTest.class.getResource("/templates/seed").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            seeds = files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> TestJson.MAPPER.readValue(file.toFile(), Seed.class))
                    .collect(Collectors.toMap(Seed::slug, Function.identity()));
        }
    }

    @Test
    void theFourBuiltInTemplatesAreSeeded() {
        assertThat(seeds).containsOnlyKeys("dvp-standard", "cross_platform_dvp", "fop-standard", "repo-standard");
    }

    @Test
    void everySeedFileIsAValidTemplate() {
        seeds.values().forEach(seed -> {
            assertThat(seed.name()).as(seed.slug()).isNotBlank();
            assertThat(seed.description()).as(seed.slug()).isNotBlank();
            assertThat(seed.config().validate()).as(seed.slug()).isEmpty();
        });
    }

    @Test
    void everySeedFollowsTheSettlementStateMachine() {
        TemplateConfig standard = ConfigBuilder.standard().build();
        seeds.values().forEach(seed -> {
            TemplateConfig config = seed.config();
            assertThat(config.states()).as(seed.slug()).isEqualTo(standard.states());
            assertThat(config.initialState()).as(seed.slug()).isEqualTo("INSTRUCTED");
            assertThat(config.terminalStates()).as(seed.slug()).isEqualTo(standard.terminalStates());
            assertThat(config.failureStates()).as(seed.slug()).isEqualTo(standard.failureStates());
            assertThat(config.transitions()).as(seed.slug()).isEqualTo(standard.transitions());
            assertThat(config.gates()).as(seed.slug()).isEqualTo(standard.gates());
            assertThat(config.requiredRoles()).as(seed.slug()).containsExactly("seller", "buyer");
            assertThat(config.compliance()).as(seed.slug()).isEqualTo(standard.compliance());
        });
    }

    @Test
    void dvpAndRepoRequireDeliveryAndPaymentLegs() {
        assertThat(seeds.get("dvp-standard").config().requiredLegTypes())
                .containsExactly(LegType.ASSET_DELIVERY, LegType.PAYMENT);
        assertThat(seeds.get("repo-standard").config().requiredLegTypes())
                .containsExactly(LegType.ASSET_DELIVERY, LegType.PAYMENT);
    }

    @Test
    void crossPlatformDvpAndFreeOfPaymentRequireOnlyADeliveryLeg() {
        assertThat(seeds.get("cross_platform_dvp").config().requiredLegTypes())
                .isEqualTo(List.of(LegType.ASSET_DELIVERY));
        assertThat(seeds.get("fop-standard").config().requiredLegTypes()).isEqualTo(List.of(LegType.ASSET_DELIVERY));
    }

    @Test
    void onlyRepoSchedulesItsMaturityWhenFinalized() {
        assertThat(seeds.get("repo-standard").config().actionsFor("FINALIZED"))
                .containsExactly("schedule_repo_maturity");
        seeds.values().stream().filter(seed -> !seed.slug().equals("repo-standard"))
                .forEach(seed -> assertThat(seed.config().actions()).as(seed.slug()).isEmpty());
    }
}
