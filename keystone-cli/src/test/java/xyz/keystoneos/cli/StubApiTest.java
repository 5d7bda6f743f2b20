package xyz.keystoneos.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that run the CLI against a {@link StubApi}: a fresh home directory and stub API per test. */
abstract class StubApiTest {

    @TempDir
    Path home;

    StubApi api;

    @BeforeEach
    void startStubApi() {
        api = new StubApi();
    }

    @AfterEach
    void stopStubApi() {
        api.close();
    }
}
