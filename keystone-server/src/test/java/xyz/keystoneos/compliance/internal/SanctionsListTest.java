package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

class SanctionsListTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theShippedSampleListLoads() {
        SanctionsList list = SanctionsListProvider.read(new ClassPathResource("compliance/sanctions-sample.json"),
                JSON);

        assertThat(list.entityCount()).isEqualTo(7);
        assertThat(list.walletCount()).isEqualTo(3);
    }

    @Test
    void everyProblemOfAListIsNamed() {
        SanctionsListFile file = new SanctionsListFile("test", "1", null,
                List.of(new SanctionsListFile.Entity("E1", "Oceanic Shadow Trading", List.of()),
                        new SanctionsListFile.Entity("E1", "Crimson Lotus", null),
                        new SanctionsListFile.Entity(null, " ", List.of("Alias"))),
                List.of(new SanctionsListFile.Wallet("W1", "")));

        assertThatThrownBy(() -> SanctionsList.of(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entities[1].id 'E1' is used twice; entities[2].id is missing; entities[2].name is missing;"
                        + " wallets[0].address is missing");
    }

    @Test
    void anUnreadableListStopsWithItsLocation() {
        ByteArrayResource broken = new ByteArrayResource("{\"entities\": [".getBytes(StandardCharsets.UTF_8),
                "broken list");

        assertThatThrownBy(() -> SanctionsListProvider.read(broken, JSON))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The sanctions list Byte array resource [broken list] cannot be read: ");
    }

    @Test
    void matchesAliasesAndReportsTheEntryId() {
        SanctionsList list = SanctionsList.of(new SanctionsListFile("test", "1", null,
                List.of(new SanctionsListFile.Entity("E7", "Some Long Official Name", List.of("Short Alias"))),
                List.of()));

        assertThat(list.bestNameMatch("Short Alias Ltd")).contains(new NameMatch("E7", 1.0));
    }

    @Test
    void anEmptyListMatchesNothing() {
        SanctionsList list = SanctionsList.of(new SanctionsListFile("empty", "1", null, null, null));

        assertThat(list.bestNameMatch("Oceanic Shadow Trading")).isEmpty();
        assertThat(list.walletId("0x5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e")).isEmpty();
    }
}
