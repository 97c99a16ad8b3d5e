package dev.pictor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pictor.engine.ImageEngine;
import dev.pictor.wiring.Services;
import org.junit.jupiter.api.Test;

/**
 * The service on the engine {@link Services} picks here: libjpeg-turbo for JPEG, bundled in the jar, and libvips for
 * AVIF where it has been fetched.
 */
class NativeJpegServiceTest extends ImageServiceCases {

    @Override
    ImageEngine engine() {
        return Services.engine(dev.pictor.config.Config.fromEnvironment(java.util.Map.of()));
    }

    /** AVIF in and out, where libvips is loaded (CI fetches it; image-handler/native/fetch-libvips.sh). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvFileSource(resources = "/cases/avif-urls.csv", delimiterString = " | ", numLinesToSkip = 1,
            quoteCharacter = '`')
    void avif(String name, String url, int status, String format, int width, int height, String golden,
              double minSsim) throws java.io.IOException {
        assumeTrue(engine().canEncode(dev.pictor.edit.ImageFormat.AVIF), "no AVIF codec: libvips is not fetched");
        checkRender(url, status, format, width, height, golden, minSsim);
    }

    @Test
    void theBundledLibraryLoadsOnThisPlatform() {
        assertTrue(engine().name().contains("libjpeg-turbo (bundled"), engine().name());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "AUTO_FORMAT with AVIF: Accept {0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " | ", textBlock = """
            image/avif,image/webp,*/* | image/avif
            image/webp,*/*            | image/webp
            */*                       | image/jpeg
            """)
    void autoFormatPrefersAvifWhenItCanWriteIt(String accept, String type) {
        assumeTrue(engine().canEncode(dev.pictor.edit.ImageFormat.AVIF), "no AVIF codec: libvips is not fetched");
        ImageService service = new ImageService(dev.pictor.config.Config.fromEnvironment(java.util.Map.of(
                "AUTO_FORMAT", "true")), new dev.pictor.source.LocalFolderStore(root), engine());
        HttpResponse response = service.handle(dev.pictor.testing.Urls.get("/bird.jpg?width=100",
                java.util.Map.of("Accept", accept)));
        assertEquals(type, response.contentType());
        assertEquals("Accept", response.headers().get("Vary"));
    }

    /** Animated WebP output, where libvips is loaded (CI fetches it). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvFileSource(resources = "/cases/animated-webp-urls.csv",
            delimiterString = " | ", numLinesToSkip = 1, quoteCharacter = '`')
    void animatedWebp(String name, String url, int status, int width, int height, int frames) {
        assumeTrue(engine().canAnimate(dev.pictor.edit.ImageFormat.WEBP), "no animated WebP encoder: no libvips");
        checkAnimation(url, status, width, height, frames);
    }

    @Test
    void anAnimatedWebpsFirstFrameLooksLikeTheSourcesFirstFrame() {
        assumeTrue(engine().canAnimate(dev.pictor.edit.ImageFormat.WEBP), "no animated WebP encoder: no libvips");
        java.awt.image.BufferedImage webp = dev.pictor.testing.TestImages.decode(
                get("/ball.gif?width=100&format=webp").body());
        java.awt.image.BufferedImage png = dev.pictor.testing.TestImages.decode(
                get("/ball.gif?width=100&format=png&animated=false").body());
        double ssim = dev.pictor.testing.Similarity.ssim(webp, png);
        assertTrue(ssim > 0.9, "SSIM " + ssim);
    }

    /** HEIC sources, where the system has libheif (CI installs Debian's libheif1). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvFileSource(resources = "/cases/heic-urls.csv", delimiterString = " | ",
            numLinesToSkip = 1, quoteCharacter = '`')
    void heic(String name, String url, int status, String format, int width, int height, String golden,
              double minSsim) throws java.io.IOException {
        assumeTrue(dev.pictor.engine.heif.LibHeif.load().isPresent(), "no system libheif");
        checkRender(url, status, format, width, height, golden, minSsim);
    }

    /** Where the system has libheif, HEIC must really be on: the HEIC table may not skip there. */
    @Test
    void systemLibheifIsUsedWhereInstalled() {
        assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libheif.so.1"))
                || java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/aarch64-linux-gnu/libheif.so.1")),
                "libheif not installed here");
        assertTrue(dev.pictor.engine.heif.LibHeif.load().isPresent(), "the installed libheif must load");
        assertEquals(200, get("/bird-320.heic?width=10").status());
    }

    /** Where fetch-libvips.sh has run (CI runs it), AVIF must really be on: the AVIF table may not skip there. */
    @Test
    void fetchedLibvipsLoads() throws java.io.IOException {
        java.nio.file.Path folder = java.nio.file.Path.of("native", "libvips", "linux-"
                + System.getProperty("os.arch").replace("amd64", "x86_64").replace("arm64", "aarch64"));
        assumeTrue(java.nio.file.Files.isDirectory(folder), "libvips not fetched here");
        assertTrue(engine().name().contains("AVIF by libvips"), engine().name());
    }
}
