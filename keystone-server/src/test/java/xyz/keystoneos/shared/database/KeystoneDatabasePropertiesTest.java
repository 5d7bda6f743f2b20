package xyz.keystoneos.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class KeystoneDatabasePropertiesTest {

    @Test
    void unsetPoolSettingsGiveAPoolOfTwentyThatNeverShrinks() {
        KeystoneDatabaseProperties properties = properties(null, null, null);

        assertThat(properties.poolSize()).isEqualTo(20);
        assertThat(properties.minimumIdle()).isEqualTo(20);
        assertThat(properties.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void minimumIdleFollowsAConfiguredPoolSizeUnlessSetItself() {
        assertThat(properties(8, null, null).minimumIdle()).isEqualTo(8);
        assertThat(properties(8, 2, Duration.ofSeconds(10)).minimumIdle()).isEqualTo(2);
    }

    @Test
    void minimumIdleOutsideZeroToPoolSizeIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> properties(8, 9, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keystone.database.minimum-idle").hasMessageContaining("was 9");
        assertThatThrownBy(() -> properties(8, -1, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keystone.database.minimum-idle");
        assertThat(properties(8, 0, null).minimumIdle()).isZero();
    }

    @Test
    void anIdleTimeoutBelowTenSecondsIsRefused() {
        assertThatThrownBy(() -> properties(8, 2, Duration.ofSeconds(9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keystone.database.idle-timeout");
    }

    @Test
    void theShippedConfigurationKeepsMinimumIdleAtThePoolSizeWhereverThePoolSizeComesFrom() throws IOException {
        assertThat(shipped(Map.of()).minimumIdle()).isEqualTo(20);
        assertThat(shipped(Map.of("keystone.database.pool-size", "8")).minimumIdle()).isEqualTo(8);
        assertThat(shipped(Map.of("keystone.database.pool-size", "8", "keystone.database.minimum-idle", "2"))
                .minimumIdle()).isEqualTo(2);
        assertThat(shipped(Map.of()).idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    }

    /** {@code keystone.database.*} as the application binds it from application.yml, below the given overrides. */
    private static KeystoneDatabaseProperties shipped(Map<String, Object> overrides) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        return Binder.get(environment).bind("keystone.database", KeystoneDatabaseProperties.class).get();
    }

    private static KeystoneDatabaseProperties properties(Integer poolSize, Integer minimumIdle, Duration idleTimeout) {
        return new KeystoneDatabaseProperties("jdbc:postgresql://127.0.0.1:5432/keystone", "postgres", "", null,
                poolSize, null, minimumIdle, idleTimeout);
    }
}
