package xyz.keystoneos.chain.internal;

import xyz.keystoneos.chain.InstrumentIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DepositCalldataTest {

    private static final UUID SETTLEMENT = UUID.fromString("0123abcd-4567-89ef-0123-456789abcdef");
    private static final String SECRET = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @Test
    void startsWithTheSelectorOfDepositLeg() {
        // keccak256("depositLeg(bytes32,uint256,bytes32)") = 0x4f6ebfb8..., computed independently
        assertThat(DepositCalldata.selector()).isEqualTo("0x4f6ebfb8");
        assertThat(DepositCalldata.encode(SETTLEMENT, 0, SECRET)).startsWith("0x4f6ebfb8");
    }

    @Test
    void encodesTheSettlementIdLegIndexAndSecretAsThreeWords() {
        String calldata = DepositCalldata.encode(SETTLEMENT, 7, SECRET);

        assertThat(calldata).hasSize(2 + 8 + 3 * 64);
        String words = calldata.substring(10);
        assertThat(words.substring(0, 64))
                .isEqualTo("0123abcd456789ef0123456789abcdef" + "00000000000000000000000000000000");
        assertThat(words.substring(64, 128))
                .isEqualTo("0000000000000000000000000000000000000000000000000000000000000007");
        assertThat(words.substring(128)).isEqualTo(SECRET.substring(2));
    }

    @Test
    void encodesLargeLegIndexesBigEndian() {
        String legWord = DepositCalldata.encode(SETTLEMENT, 0x01020304, SECRET).substring(10 + 64, 10 + 128);

        assertThat(legWord).endsWith("01020304").startsWith("00000000000000000000000000000000000000000000000000");
    }

    @Test
    void refusesSecretsThatAreNotThirtyTwoBytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> DepositCalldata.encode(SETTLEMENT, 0, "0x0102"));
    }

    @Test
    void derivesTheSimulatedEscrowAddressFromTheChainId() {
        // last 20 bytes of keccak256("keystone:simulated-escrow:<chain id>"), computed independently
        assertThat(SimulatedEscrow.address(11_155_111L)).isEqualTo("0x1cc9a6e30fae226c14c0289cdc86b485c0f81978");
        assertThat(SimulatedEscrow.address(1L)).isEqualTo("0xb10de05064a1bf940a895c2858ef44ac5b07d43f");
    }

    @Test
    void derivesTheDepositKeyAsKeccakOfTheSecretBytes() {
        assertThat(DepositSecrets.keyOf(SECRET))
                .isEqualTo("0x8ae1aa597fa146ebd3aa2ceddf360668dea5e526567e92b0321816a4e895bd2d");
    }

    @Test
    void generatesFreshWellFormedSecretsThatOpenTheirOwnKeysOnly() {
        String first = DepositSecrets.generate();
        String second = DepositSecrets.generate();

        assertThat(first).matches("0x[0-9a-f]{64}").isNotEqualTo(second);
        assertThat(DepositSecrets.opens(first, DepositSecrets.keyOf(first))).isTrue();
        String upperCase = "0x" + first.substring(2).toUpperCase(Locale.ROOT);
        assertThat(DepositSecrets.opens(upperCase, DepositSecrets.keyOf(first))).isTrue();
        assertThat(DepositSecrets.opens(second, DepositSecrets.keyOf(first))).isFalse();
        assertThat(DepositSecrets.opens("0x1234", DepositSecrets.keyOf(first))).isFalse();
        assertThat(DepositSecrets.opens(null, DepositSecrets.keyOf(first))).isFalse();
    }

    @Test
    void keysTokenAddressInstrumentsCaseInsensitivelyAndOthersAsGiven() {
        assertThat(InstrumentIds.normalize("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"))
                .isEqualTo("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
        assertThat(InstrumentIds.normalize("BOND-2026-A")).isEqualTo("BOND-2026-A");
        assertThatIllegalArgumentException().isThrownBy(() -> InstrumentIds.normalize(" "));
    }
}
