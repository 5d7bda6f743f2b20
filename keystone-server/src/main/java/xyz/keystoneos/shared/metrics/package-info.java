/**
 * Metrics helpers shared by the modules: each module registers its own meters (see docs/operations.md, "Metrics
 * and logs"); this package holds what they have in common.
 */
package xyz.keystoneos.shared.metrics;
