package xyz.keystoneos.template.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Installs the built-in templates ({@code classpath:templates/seed/*.json}) at startup. A template whose slug
 * already exists is left alone, so operators' changes survive restarts and several nodes can start at once. An
 * invalid seed file stops the startup with a message naming the file and its problems. Runs before other
 * (unordered) startup runners, which may rely on the templates.
 */
@Component
@Order(0)
class TemplateSeeder implements ApplicationRunner {

    static final String LOCATION = "classpath*:templates/seed/*.json";

    private static final Logger log = LoggerFactory.getLogger(TemplateSeeder.class);

    private final TemplateCommands commands;
    private final JsonMapper json;

    TemplateSeeder(TemplateCommands commands, JsonMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        List<Resource> files = Arrays.stream(new PathMatchingResourcePatternResolver().getResources(LOCATION))
                .sorted(Comparator.comparing(TemplateSeeder::fileName))
                .toList();
        List<SeedTemplate> seeds = files.stream().map(this::read).toList();
        for (SeedTemplate seed : seeds) {
            if (commands.seed(seed.content())) {
                log.info("Installed the built-in settlement template '{}'", seed.slug());
            }
        }
    }

    private SeedTemplate read(Resource file) {
        SeedTemplate seed;
        try (InputStream in = file.getInputStream()) {
            seed = json.readValue(in, SeedTemplate.class);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("The seed template " + fileName(file) + " cannot be read: "
                    + e.getMessage(), e);
        }
        List<FieldError> problems = seed.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The seed template " + fileName(file) + " is invalid: " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        return seed;
    }

    private static String fileName(Resource file) {
        return String.valueOf(file.getFilename());
    }
}
