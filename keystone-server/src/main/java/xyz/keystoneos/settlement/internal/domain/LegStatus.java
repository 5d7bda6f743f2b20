package xyz.keystoneos.settlement.internal.domain;

/** Where a leg stands: waiting for its deposit, locked in escrow, delivered, or returned. */
public enum LegStatus {
    PENDING, LOCKED, RELEASED, ROLLED_BACK;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LegStatus fromWire(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
