package xyz.keystoneos.compliance.internal;

/** The listed entity most similar to a screened name, and how similar ({@link NameSimilarity}). */
record NameMatch(String entryId, double score) {
}
