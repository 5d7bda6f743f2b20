/**
 * Compliance screening (SPEC §8): every party of a settlement is screened by the template's entity and wallet
 * providers. Providers are pluggable ({@link xyz.keystoneos.compliance.ComplianceProvider}); results are stored per
 * party and check ({@code compliance_checks}) and returned to the settlement engine.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compliance")
package xyz.keystoneos.compliance;
