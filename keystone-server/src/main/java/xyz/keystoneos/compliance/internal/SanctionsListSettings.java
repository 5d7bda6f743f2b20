package xyz.keystoneos.compliance.internal;

/**
 * Settings of the built-in {@code sanctions_list} provider ({@code keystone.compliance.sanctions-list.*}).
 *
 * @param location a Spring resource location of the list file ({@code classpath:…}, {@code file:…}); default
 *                 {@value #DEFAULT_LOCATION}, a small fictional sample
 */
public record SanctionsListSettings(String location) {

    public static final String DEFAULT_LOCATION = "classpath:compliance/sanctions-sample.json";

    public SanctionsListSettings {
        location = location == null || location.isBlank() ? DEFAULT_LOCATION : location.strip();
    }
}
