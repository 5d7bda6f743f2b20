package xyz.keystoneos.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of one check. */
public enum ScreeningOutcome {
    @JsonProperty("pass") PASS,
    @JsonProperty("flagged") FLAGGED,
    @JsonProperty("fail") FAIL
}
