package dev.pictor.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pictor.config.Config;
import dev.pictor.local.LocalServer;
import dev.pictor.source.BundledSamples;
import dev.pictor.testing.TestImages;
import dev.pictor.wiring.Services;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real browser: headless Chromium (the system's, driven by the system's chromedriver) against the
 * local server on 127.0.0.1, with the page's strict Content-Security-Policy in force. Without Chromium the tests are
 * skipped, unless PICTOR_REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
class DemoPageTest {

    @TempDir
    static Path work;
    static LocalServer server;
    static LocalServer signingServer;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> chromium = executable("PICTOR_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = executable("PICTOR_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            boolean required = "1".equals(System.getenv("PICTOR_REQUIRE_CHROMIUM"));
            org.junit.jupiter.api.Assertions.assertFalse(required, "PICTOR_REQUIRE_CHROMIUM=1 but no chromium and "
                    + "chromedriver (apt-get install chromium chromium-driver)");
            Assumptions.abort("no chromium and chromedriver: the demo page's browser tests are skipped");
        }
        server = server(Map.of("WATERMARK_KEY", "logo.png"), work.resolve("images"));
        signingServer = server(Map.of("SECURITY_KEYS", "demo-key", "DEMO_SIGNING", "true"), work.resolve("signed"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1100", "--user-data-dir=" + Files.createDirectories(work.resolve("profile")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (signingServer != null) {
            signingServer.close();
        }
    }

    private static LocalServer server(Map<String, String> settings, Path images) throws IOException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("IMAGES_DIR", BundledSamples.unpackInto(Files.createDirectories(images)).toString());
        Config config = Config.fromEnvironment(env);
        Services.Parts parts = Services.parts(config);
        DemoSite demo = new DemoSite(parts.store(), config.defaultBucket(), config.watermark(),
                config.demoSigning() ? config.securityKeys().stream().findFirst() : Optional.empty(), LocalServer.API);
        return LocalServer.start(0, Services.imageService(parts),
                Optional.of(Services.api(parts, Services.uploadProcessor(parts))), Optional.of(demo),
                config.maxSourceBytes() + (1 << 20), List.of());
    }

    private static Optional<Path> executable(String variable, String... candidates) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    @BeforeEach
    void open() {
        browser.manage().window().setSize(new Dimension(1280, 1100));
        load(server);
    }

    private static void load(LocalServer on) {
        browser.get("http://127.0.0.1:" + on.port() + "/");
        waitFor("the page to start", () -> "true".equals(browser.findElement(By.tagName("body"))
                .getDomAttribute("data-ready")));
    }

    @Test
    void thePageOffersTheSamplesAndShowsAPhotoTransformed() {
        List<String> images = new Select(browser.findElement(By.id("image"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertTrue(images.containsAll(List.of("bird.jpg", "dandelions.jpg", "logo.png")), images.toString());
        assertEquals("bird.jpg", new Select(browser.findElement(By.id("image"))).getFirstSelectedOption().getText());
        assertEquals(List.of(600L, 400L), naturalSize("result"));
        assertTrue(text("result-info").matches("600 × 400 jpeg, [\\d,]+ bytes, \\d+ ms"), text("result-info"));
        assertTrue(text("original-info").startsWith("Original: 1280 × 720 jpeg"), text("original-info"));
        assertTrue(value("url-query").endsWith("/bird.jpg?width=600&height=400"), value("url-query"));
        assertTrue(value("url-thumbor").endsWith("/unsafe/600x400/bird.jpg"), value("url-thumbor"));
        assertTrue(value("srcset").contains("/bird.jpg?width=1280 1280w"), value("srcset"));
    }

    /** Controls to set (id=value; a select's value, a box's true), then what the preview and the URLs must show. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", textBlock = """
            width and format                   | width=300;height=;format=webp                  | 300x169 | webp | width=300&format=webp                    | /unsafe/300x0/filters:format(webp)/bird.jpg
            a box the image fits in, padded    | width=300;height=300;fit=contain;format=png     | 300x300 | png  | width=300&height=300&fit=contain&format=png | /unsafe/fit-in/300x300/filters:fill(white):format(png)/bird.jpg
            a quarter turn keeps the box       | width=300;height=200;rotate=90                 | 300x200 | jpeg | width=300&height=200&rotate=90           | /unsafe/200x300/filters:rotate(90)/bird.jpg
            smart crop, grayscale and quality  | width=200;height=200;gravity=smart;grayscale=true;quality=50 | 200x200 | jpeg | gravity=smart&quality=50&grayscale=true | /unsafe/200x200/smart/filters:quality(50):grayscale()/bird.jpg
            the configured watermark           | width=400;height=;watermark=true               | 400x225 | jpeg | width=400&watermark=true                 | filters:watermark(logo.png,-10,-10,40,25)/bird.jpg
            the Thumbor URL previewed          | width=240;height=120;dialect=thumbor;filters=brightness(10) | 240x120 | jpeg | width=240&height=120          | /unsafe/240x120/filters:brightness(10)/bird.jpg
            the base64 JSON URL previewed      | width=120;height=240;dialect=json;edits={"normalize":true} | 120x240 | jpeg | width=120&height=240           | /unsafe/120x240/bird.jpg
            """)
    void theControlsMakeTheURLsAndThePreview(String name, String controls, String size, String format, String query,
                                             String thumbor) {
        set(controls);
        String[] wh = size.split("x");
        // The page settles when the URLs show every control and the preview is of the URL shown.
        waitFor("a " + size + " " + format + " preview of " + query, () -> value("url-query").contains(query)
                && value("url-thumbor").endsWith(thumbor) && shownIsCurrent()
                && text("result-info").startsWith(wh[0] + " × " + wh[1] + " " + format));
        assertEquals(List.of(Long.parseLong(wh[0]), Long.parseLong(wh[1])), naturalSize("result"));
        assertTrue(value("url-query").contains("?" + query) || value("url-query").contains("&" + query),
                value("url-query"));
        assertTrue(value("url-thumbor").endsWith(thumbor), value("url-thumbor"));
        assertTrue(browser.findElement(By.id("error")).getDomProperty("hidden").equals("true"), text("error"));
        if (controls.contains("dialect=json")) {
            assertTrue(browser.findElement(By.id("result")).getDomAttribute("data-url")
                    .equals(value("url-json").substring(value("url-json").indexOf("/", 8))));
        }
    }

    @Test
    void aValueTheServerRefusesShowsItsMessage() {
        set("quality=0");
        waitFor("the server's error", () -> !text("error").isEmpty());
        assertTrue(text("error").startsWith("400 InvalidParameter: quality must be"), text("error"));

        set("quality=70");
        waitFor("the error to go", () -> text("error").isEmpty());
    }

    @Test
    void theCopyButtonsCopyTheShownText() {
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://127.0.0.1:" + server.port(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        for (String field : List.of("url-query", "url-thumbor", "url-json", "srcset")) {
            browser.findElement(By.cssSelector("button[data-copy='" + field + "']")).click();
            waitFor("the copy to be announced", () -> text("copied").startsWith("Copied"));
            Object copied = ((JavascriptExecutor) browser).executeAsyncScript(
                    "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
            assertEquals(value(field), copied, field);
        }
    }

    @Test
    void anUploadIsOfferedAndTransformed() {
        Path photo = work.resolve("my photo.jpg");
        try {
            Files.write(photo, TestImages.fixture("dated.jpg"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser.findElement(By.id("upload")).sendKeys(photo.toString());
        waitFor("the upload to be chosen", () -> new Select(browser.findElement(By.id("image")))
                .getFirstSelectedOption().getText().startsWith("uploads/my photo"));
        waitFor("its preview", () -> value("url-query").contains("/uploads/my%20photo"));
        waitFor("its preview", () -> text("result-info").startsWith("600 × 400 jpeg"));
    }

    @Test
    void signedModeSignsEveryURLWithAKeyThePageNeverSees() {
        load(signingServer);
        assertTrue(browser.findElement(By.id("signed")).isSelected());
        waitFor("a signed preview", () -> text("result-info").startsWith("600 × 400"));
        assertTrue(value("url-query").matches(".*/bird\\.jpg\\?width=600&height=400&signature=[0-9a-f]{64}"),
                value("url-query"));
        assertTrue(value("url-thumbor").matches(".*/[A-Za-z0-9_-]{27}=/600x400/bird\\.jpg"), value("url-thumbor"));
        assertTrue(value("url-json").contains("?signature="), value("url-json"));
        assertFalse(browser.getPageSource().contains("demo-key"));
        assertTrue(text("original-info").startsWith("Original: 1280 × 720"), text("original-info"));
    }

    @Test
    void everyControlHasALabelAndAPhoneNeedsNoSidewaysScroll() {
        Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('input, select, textarea')]"
                        + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id)");
        assertEquals(List.of(), unlabelled);
        browser.findElement(By.id("width")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertEquals("height", browser.switchTo().activeElement().getDomAttribute("id"), "tab order");

        browser.manage().window().setSize(new Dimension(375, 800));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0L, ((Number) overflow).longValue());
    }

    @Test
    void screenshotForTheDocs() throws IOException {
        set("width=640;height=360;gravity=smart;format=webp");
        waitFor("the preview", () -> value("url-query").contains("format=webp") && shownIsCurrent()
                && text("result-info").startsWith("640 × 360 webp"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target/demo-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sets controls from "id=value;id=value": text fields are typed into, selects chosen, boxes ticked. */
    private static void set(String controls) {
        for (String pair : controls.split(";(?=[a-z]+=)")) {
            String id = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (id.equals("dialect")) {
                browser.findElement(By.cssSelector("input[name='dialect'][value='" + value + "']")).click();
                continue;
            }
            WebElement element = browser.findElement(By.id(id));
            switch (element.getTagName()) {
                // As a choice from the list does: the value, then its events (clicking an option can leave the
                // headless browser's list open, which would take the next control's input).
                case "select" -> ((JavascriptExecutor) browser).executeScript("const s = arguments[0];"
                        + " s.value = arguments[1]; if (s.value !== arguments[1]) throw new Error('no option ' +"
                        + " arguments[1]); s.dispatchEvent(new Event('input', {bubbles: true}));"
                        + " s.dispatchEvent(new Event('change', {bubbles: true}));", element, value);
                case "input" -> {
                    if ("checkbox".equals(element.getDomAttribute("type"))) {
                        if (element.isSelected() != Boolean.parseBoolean(value)) {
                            element.click();
                        }
                    } else {
                        element.clear();
                        element.sendKeys(value);
                    }
                }
                default -> {
                    element.clear();
                    element.sendKeys(value);
                }
            }
        }
    }

    /** Whether the preview shows the URL of the chosen dialect as the fields now show it. */
    private static boolean shownIsCurrent() {
        String dialect = browser.findElement(By.cssSelector("input[name='dialect']:checked")).getDomAttribute("value");
        String shown = value("url-" + dialect);
        String url = browser.findElement(By.id("result")).getDomAttribute("data-url");
        return url != null && shown.endsWith(url) && shown.length() - url.length() < 30;
    }

    private static List<Long> naturalSize(String id) {
        Object size = ((JavascriptExecutor) browser).executeScript(
                "const i = document.getElementById(arguments[0]); return [i.naturalWidth, i.naturalHeight];", id);
        return ((List<?>) size).stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(() -> "waited for " + what + "; error: "
                + browser.findElement(By.id("error")).getText() + "; info: "
                + browser.findElement(By.id("result-info")).getText()).until(d -> condition.getAsBoolean());
    }
}
