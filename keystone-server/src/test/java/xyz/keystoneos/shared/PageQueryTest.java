package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.PageQuery;

class PageQueryTest {

    @Test
    void defaultsToFiftyFromTheStart() {
        PageQuery query = PageQuery.of(null, null, null);

        assertThat(query.limit()).isEqualTo(50);
        assertThat(query.offset()).isZero();
    }

    @Test
    void acceptsTheBounds() {
        assertThat(PageQuery.of(1, 0, null).limit()).isEqualTo(1);
        assertThat(PageQuery.of(200, 10, null).limit()).isEqualTo(200);
    }

    @Test
    void refusesLimitsOutsideOneToTwoHundredNamingTheParameter() {
        for (int limit : new int[] {0, -1, 201}) {
            assertThatThrownBy(() -> PageQuery.of(limit, 0, null))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.errors()).extracting("field").containsExactly("limit");
                    });
        }
    }

    @Test
    void refusesNegativeOffset() {
        assertThatThrownBy(() -> PageQuery.of(10, -5, null))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("offset"));
    }

    @Test
    void cursorAndOffsetDoNotMix() {
        assertThatThrownBy(() -> PageQuery.of(10, 5, "abc"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("starting_after"));
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        assertThatThrownBy(() -> PageQuery.of(0, -1, null))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("limit", "offset"));
    }
}
