package xyz.keystoneos.template.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.ConfigBuilder;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.TemplateConfig;

class TemplateRequestsTest {

    private static final TemplateConfig VALID = ConfigBuilder.standard().build();

    private static CreateTemplateRequest create(String slug, String name, TemplateConfig config) {
        return new CreateTemplateRequest(null, slug, name, null, config, null);
    }

    private static ApiException failureOf(Runnable check) {
        return catchThrowableOfType(ApiException.class, check::run);
    }

    @Test
    void completeCreateRequestPasses() {
        assertThatNoException().isThrownBy(() -> create("dvp-custom", "Custom DvP", VALID).check());
    }

    @Test
    void createRequestWithoutRequiredFieldsNamesEachOne() {
        ApiException failure = failureOf(() -> create(null, null, null).check());

        assertThat(failure.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(failure.code()).isEqualTo("validation_failed");
        assertThat(failure.errors()).extracting(FieldError::field).containsExactly("slug", "name", "config");
    }

    @Test
    void malformedSlugIsABadRequest() {
        for (String slug : List.of("a", "-dvp", "DvP", "dvp standard", "x".repeat(64))) {
            ApiException failure = failureOf(() -> create(slug, "Custom", VALID).check());

            assertThat(failure.errors()).as(slug).extracting(FieldError::field).containsExactly("slug");
        }
    }

    @Test
    void blankOrOverlongNameIsABadRequest() {
        for (String name : List.of("", "   ", "n".repeat(201))) {
            ApiException failure = failureOf(() -> create("custom", name, VALID).check());

            assertThat(failure.errors()).extracting(FieldError::field).containsExactly("name");
        }
    }

    @Test
    void unusableConfigIsUnprocessableAndListsEveryProblem() {
        ConfigBuilder broken = ConfigBuilder.standard().transition("FINALIZED", "ROLLED_BACK");

        ApiException failure = failureOf(() -> create("custom", "Custom", broken.build()).check());

        assertThat(failure.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(failure.code()).isEqualTo("invalid_template");
        assertThat(failure.errors()).extracting(FieldError::field)
                .containsExactly("config.transitions.FINALIZED.allowed_next");
    }

    @Test
    void createdTemplatesAreActiveUnlessSaidOtherwise() {
        assertThat(create("custom", "Custom", VALID).active()).isTrue();
        assertThat(new CreateTemplateRequest(null, "custom", "Custom", null, VALID, false).active()).isFalse();
    }

    @Test
    void updateKeepsWhatItDoesNotMention() {
        SettlementTemplate current = new SettlementTemplate(UUID.randomUUID(), "custom", "Custom", "About", 3, true,
                VALID, Instant.EPOCH, Instant.EPOCH);

        UpdateTemplateRequest request = new UpdateTemplateRequest("Renamed", null, null, null);

        assertThat(request.applyTo(current)).isEqualTo(new TemplateContent("custom", "Renamed", "About", VALID));
        assertThat(request.activeAfter(current)).isTrue();
    }

    @Test
    void blankDescriptionInAnUpdateRemovesTheDescription() {
        SettlementTemplate current = new SettlementTemplate(UUID.randomUUID(), "custom", "Custom", "About", 1, true,
                VALID, Instant.EPOCH, Instant.EPOCH);

        assertThat(new UpdateTemplateRequest(null, "", null, false).applyTo(current).description()).isNull();
    }

    @Test
    void updateWithAnUnusableConfigIsUnprocessable() {
        ConfigBuilder broken = ConfigBuilder.standard();
        broken.initialState = "CREATED";

        ApiException failure = failureOf(() -> new UpdateTemplateRequest(null, null, broken.build(), null).check());

        assertThat(failure.code()).isEqualTo("invalid_template");
    }
}
