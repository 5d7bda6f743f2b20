package xyz.keystoneos.settlement.internal.domain;

/** A party's compliance standing within one settlement. */
public enum PartyStatus {
    PENDING, CLEARED, FLAGGED, FAILED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PartyStatus fromWire(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
