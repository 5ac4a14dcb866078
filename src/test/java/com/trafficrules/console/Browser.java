package com.trafficrules.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, both named by path (Selenium Manager would try to
 * download a browser). Without them the journeys are skipped, saying why, except under CI=true, where a missing
 * browser fails the build: .ci/run installs it.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_SHOT_HEIGHT = 2400;

    private final String base;
    private final Path profile;
    final ChromeDriver driver;

    private Browser(String base, Path profile, ChromeDriver driver) {
        this.base = base;
        this.profile = profile;
        this.driver = driver;
    }

    /** A fresh browser (its own profile, so no session carries over) at a laptop's window size. */
    static Browser open(int port) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: the console's browser journeys cannot run (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver); under CI=true this fails instead");
        try {
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
            // Without the background-networking switches Chromium keeps calling out to a network this machine does not reach.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1366, 900));
            return new Browser("http://localhost:" + port, profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String path) {
        driver.get(base + path);
    }

    /** Signs in through the login form, as a person would. */
    void signIn(String user) {
        go("/console/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.cssSelector("form.who"));
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    String text(By locator) {
        return waitFor(locator).getText();
    }

    /** The text of every element the locator finds, in page order. */
    List<String> texts(By locator) {
        waitFor(locator);
        return driver.findElements(locator).stream().map(WebElement::getText).toList();
    }

    /**
     * Sets a field's value as its own picker would. Chromium's date and time fields take typed keys segment by
     * segment, in the order the browser's locale writes a date, so typing into them depends on the machine.
     */
    void setValue(By field, String value) {
        driver.executeScript("arguments[0].value = arguments[1]", waitFor(field), value);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void click(By locator) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    /** Saves what the window shows to target/console-screenshots/{name}.png; the best go to docs/console/. */
    void screenshot(String name) {
        // Chrome shoots the window only, so the window is made as tall as the page (within reason) for the shot.
        Dimension window = driver.manage().window().getSize();
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(MAX_SHOT_HEIGHT,
                Math.max(window.getHeight(), height + 120))));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** The window of a tablet held upright. */
    void asTablet() {
        driver.manage().window().setSize(new Dimension(768, 1024));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is harmless; the journey's result is what matters.
        }
    }
}
