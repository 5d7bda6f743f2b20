package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WalletAddressTest {

    /** The test vectors of EIP-55. */
    private static final String[] EIP55_VECTORS = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    };

    @Test
    void acceptsCorrectlyChecksummedAddressesAndLowerCasesThem() {
        for (String address : EIP55_VECTORS) {
            assertThat(WalletAddress.normalize(address)).isEqualTo(address.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void computesTheEip55ChecksumOfAnyValidAddress() {
        for (String address : EIP55_VECTORS) {
            assertThat(WalletAddress.checksummed(address.toLowerCase(Locale.ROOT))).isEqualTo(address);
        }
    }

    @Test
    void refusesMixedCaseWithAWrongChecksumAndNamesTheExpectedOne() {
        String wrong = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";

        assertThatIllegalArgumentException().isThrownBy(() -> WalletAddress.normalize(wrong))
                .withMessageContaining("EIP-55 checksum")
                .withMessageContaining("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(WalletAddress.isValid(wrong)).isFalse();
    }

    @Test
    void acceptsAllLowerAndAllUpperCaseWithoutAChecksum() {
        assertThat(WalletAddress.normalize("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
                .isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertThat(WalletAddress.normalize("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"))
                .isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0x", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagg",
            " 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"})
    void refusesAnythingButZeroXAndFortyHexDigits(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> WalletAddress.normalize(address))
                .withMessage("must be an EVM address: 0x followed by 40 hex digits");
    }
}
