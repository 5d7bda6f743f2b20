package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeccakTest {

    @Test
    void hashesTheEmptyInputToTheKnownKeccakVector() {
        assertThat(Keccak.keccak256Hex(new byte[0]))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void hashesAbcToTheKnownKeccakVector() {
        assertThat(Keccak.keccak256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void usesKeccakPaddingRatherThanNistSha3() {
        // SHA3-256("") would be a7ffc6f8...; Ethereum's ERC-20 transfer selector proves the Keccak variant.
        assertThat(Hex.encode(Arrays.copyOf(Keccak.keccak256("transfer(address,uint256)"), 4)))
                .isEqualTo("0xa9059cbb");
    }

    @Test
    void producesThirtyTwoBytes() {
        assertThat(Keccak.keccak256(new byte[1000])).hasSize(32);
    }

    @Test
    void hexEncodesLowerCaseWithPrefixAndDecodesEitherCase() {
        assertThat(Hex.encode(new byte[] {0x00, (byte) 0xAB, 0x7f})).isEqualTo("0x00ab7f");
        assertThat(Hex.decode("0x00AB7F")).containsExactly(0x00, 0xab, 0x7f);
        assertThat(Hex.decode("00ab7f")).containsExactly(0x00, 0xab, 0x7f);
        assertThat(Hex.encode(new byte[0])).isEqualTo("0x");
    }

    @Test
    void hexRefusesOddLengthsAndNonHexDigits() {
        assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode("0xabc")).withMessageContaining("even");
        assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode("0xzz")).withMessageContaining("hex");
        assertThatIllegalArgumentException().isThrownBy(() -> Hex.decode(null));
    }
}
