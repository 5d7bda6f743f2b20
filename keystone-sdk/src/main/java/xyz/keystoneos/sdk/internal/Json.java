package xyz.keystoneos.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import xyz.keystoneos.sdk.model.Page;

/**
 * The SDK's JSON mapping (internal; not part of the public API). snake_case names, ISO-8601 timestamps, unknown
 * fields ignored, {@code null} fields not sent, and {@link BigDecimal} written as a plain decimal <em>string</em>
 * ({@code "1000.50"}) because KeyStone refuses JSON numbers for quantities. The mapper is configured once and then
 * only read, so one instance is safe to share between threads.
 */
public final class Json {

    private static final Json INSTANCE = new Json();

    private final ObjectMapper mapper;

    private Json() {
        SimpleModule decimals = new SimpleModule("keystone-decimals");
        decimals.addSerializer(BigDecimal.class, new DecimalAsString());
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(decimals)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /**
     * Returns the shared instance; it holds no mutable state after construction.
     *
     * @return the JSON mapping
     */
    public static Json get() {
        return INSTANCE;
    }

    /**
     * Returns the Jackson type of a class.
     *
     * @param type the class
     * @return its Jackson type
     */
    public JavaType type(Class<?> type) {
        return mapper.constructType(type);
    }

    /**
     * Returns the Jackson type of {@code Page<item>}.
     *
     * @param item the item class
     * @return the page type
     */
    public JavaType pageOf(Class<?> item) {
        return mapper.getTypeFactory().constructParametricType(Page.class, item);
    }

    /**
     * Returns the Jackson type of {@code List<item>}.
     *
     * @param item the item class
     * @return the list type
     */
    public JavaType listOf(Class<?> item) {
        return mapper.getTypeFactory().constructCollectionType(List.class, item);
    }

    /**
     * Serialises a value.
     *
     * @param value the value
     * @return its JSON text
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON text into a type.
     *
     * @param text the JSON text
     * @param type the target type
     * @param <T>  the target type
     * @return the value
     * @throws UncheckedIOException when the text is not valid JSON for the type
     */
    public <T> T read(String text, JavaType type) {
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON bytes into a class.
     *
     * @param bytes the JSON bytes (UTF-8)
     * @param type  the target class
     * @param <T>   the target type
     * @return the value
     * @throws UncheckedIOException when the bytes are not valid JSON for the type
     */
    public <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON text into a tree, or returns {@code null} when the text is not JSON.
     *
     * @param text the text, may be {@code null}
     * @return the tree, or {@code null}
     */
    public JsonNode treeOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes a BigDecimal as a plain string, never in exponent notation. */
    private static final class DecimalAsString extends StdSerializer<BigDecimal> {

        private static final long serialVersionUID = 1L;

        DecimalAsString() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(value.toPlainString());
        }
    }
}
