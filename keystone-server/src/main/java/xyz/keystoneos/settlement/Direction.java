package xyz.keystoneos.settlement;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a leg's party delivers or receives the instrument. */
public enum Direction {
    @JsonProperty("deliver") DELIVER,
    @JsonProperty("receive") RECEIVE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
