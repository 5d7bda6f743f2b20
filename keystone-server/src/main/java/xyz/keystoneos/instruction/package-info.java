/**
 * Bilateral instructions (SPEC §6): each platform submits its side of a trade; KeyStone matches the two sides by
 * trade reference and creates the settlement in the same transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Instructions")
package xyz.keystoneos.instruction;
