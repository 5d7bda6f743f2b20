/**
 * The records the KeyStone API answers with and the request records (with builders) it accepts. Records are
 * immutable; unknown JSON fields are ignored and unknown enum values read as {@code UNKNOWN}, so a newer server does
 * not break an older SDK. Quantities are {@link java.math.BigDecimal}s sent as decimal strings; timestamps are
 * {@link java.time.Instant}s; ids are strings.
 */
package xyz.keystoneos.sdk.model;
