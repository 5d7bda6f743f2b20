package xyz.keystoneos.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} packages (which
 * {@code .ci/run} installs), driven by Selenium without Selenium Manager (no download). {@code CHROME_BIN} and
 * {@code CHROMEDRIVER} point elsewhere if needed. Without both executables the tests are skipped, saying why.
 */
final class Chromium {

    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    private Chromium() {
    }

    static ChromeDriver start() {
        Optional<String> browser = executable("CHROME_BIN", List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium",
                "/usr/bin/chromium-browser"));
        Optional<String> driver = executable("CHROMEDRIVER", List.of("/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver"));
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(),
                "Browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; "
                        + ".ci/run installs them); found browser=" + browser + ", driver=" + driver);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1", "--lang=en-US",
                "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.get())).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // Make the viewport itself WIDTH x HEIGHT (the window size includes the browser's frame).
        Object inner = chrome.executeScript("return [window.innerWidth, window.innerHeight];");
        if (inner instanceof List<?> size && size.size() == 2) {
            int width = WIDTH + (WIDTH - ((Number) size.get(0)).intValue());
            int height = HEIGHT + (HEIGHT - ((Number) size.get(1)).intValue());
            chrome.manage().window().setSize(new Dimension(width, height));
        }
        return chrome;
    }

    private static Optional<String> executable(String variable, List<String> candidates) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured).filter(path -> Files.isExecutable(Path.of(path)));
        }
        return candidates.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    /**
     * Saves a PNG of the viewport as {@code <name>.png} in {@code keystone.screenshots.dir} (default
     * {@code target/screenshots}; the README's pictures come from {@code -Dkeystone.screenshots.dir=../docs/screenshots}).
     */
    static Path screenshot(ChromeDriver chrome, String name) {
        Path directory = Path.of(System.getProperty("keystone.screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) chrome).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
