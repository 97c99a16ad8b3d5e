package dev.pictor.lambdazip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opens each deployment package as Lambda would and checks what a function needs: the three handlers, the natives of
 * its architecture that need no newer glibc than Amazon Linux 2023's (2.34), the licences, and nothing else.
 */
class LambdaZipIT {

    /** Amazon Linux 2023, the java25 runtime's OS. */
    private static final String NEWEST_GLIBC = "2.34";
    private static final Pattern GLIBC = Pattern.compile("GLIBC_(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern GLIBCXX = Pattern.compile("GLIBCXX_(3\\.4(?:\\.\\d+)?)");
    private static final List<String> HANDLERS = List.of("dev.pictor.lambda.ImageHandler",
            "dev.pictor.lambda.VariantsHandler", "dev.pictor.lambda.ApiHandler");
    private static final long LAMBDA_UNZIPPED_LIMIT = 250L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64, 62, aarch64", "aarch64, 183, x86_64"})
    void aPackageHoldsWhatALambdaNeedsAndNothingElse(String arch, int elfMachine, String other) throws Exception {
        Path zip = Path.of("target/pictor-lambda-" + arch + ".zip");
        assertTrue(Files.exists(zip), zip + " was not built");
        Path task = Files.createTempDirectory("lambda-task-");
        long unzipped = unzip(zip, task);
        System.out.printf("%s: %d bytes zipped, %d unzipped (Lambda allows %d unzipped)%n", zip.getFileName(),
                Files.size(zip), unzipped, LAMBDA_UNZIPPED_LIMIT);
        assertTrue(unzipped < LAMBDA_UNZIPPED_LIMIT);

        List<String> entries = new ArrayList<>();
        try (var files = Files.walk(task)) {
            files.filter(Files::isRegularFile).forEach(f -> entries.add(task.relativize(f).toString()));
        }
        for (String entry : entries) {
            assertTrue(entry.equals("lib/pictor.jar") || entry.matches("lib/libvips-cpp\\.so\\.[0-9.]+")
                    || entry.startsWith("lib/licences/"), "unexpected " + entry);
        }
        assertTrue(entries.containsAll(List.of("lib/licences/libjpeg-turbo/LICENSE-libjpeg-turbo.txt",
                "lib/licences/pictor/LICENSE")), entries.toString());

        Path jar = task.resolve("lib/pictor.jar");
        Map<String, byte[]> natives = new TreeMap<>();
        try (ZipFile classes = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = classes.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                assertFalse(name.startsWith("samples/") || name.startsWith("demo/"), "local-only: " + name);
                assertFalse(name.startsWith("org/eclipse/jetty/"), "the local server's HTTP: " + name);
                assertFalse(name.startsWith("org/apache/hc/") || name.startsWith("io/netty/")
                        || name.startsWith("software/amazon/awssdk/http/apache"), "unused HTTP client: " + name);
                assertFalse(name.startsWith("native/Windows/") || name.startsWith("native/Mac/"), name);
                assertFalse(name.contains("/" + other + "/") || name.contains("linux-" + other), name);
                if (name.endsWith(".so") || name.contains(".so.")) {
                    try (InputStream in = classes.getInputStream(entry)) {
                        natives.put("pictor.jar!/" + name, in.readAllBytes());
                    }
                }
            }
        }
        assertEquals(List.of("pictor.jar!/native/Linux/" + arch + "/libwebp-imageio.so",
                "pictor.jar!/native/linux-" + arch + "/libturbojpeg.so.0"), List.copyOf(natives.keySet()));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Class<?> requestHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
            for (String handler : HANDLERS) {
                Class<?> type = loader.loadClass(handler);
                assertTrue(requestHandler.isAssignableFrom(type), handler + " is a RequestHandler");
                type.getConstructor();
            }
        }

        List<Path> vips;
        try (var files = Files.list(task.resolve("lib"))) {
            vips = files.filter(f -> f.getFileName().toString().startsWith("libvips-cpp.so")).toList();
        }
        boolean required = "1".equals(System.getenv("PICTOR_REQUIRE_LIBVIPS"));
        assertTrue(!required || vips.size() == 1, "libvips is missing from " + zip);
        for (Path library : vips) {
            natives.put(library.getFileName().toString(), Files.readAllBytes(library));
            assertTrue(entries.containsAll(List.of("lib/licences/libvips/THIRD-PARTY-NOTICES.md",
                    "lib/licences/libvips/LGPL-3.0.txt", "lib/licences/libvips/GPL-3.0.txt")), entries.toString());
        }
        for (var library : natives.entrySet()) {
            byte[] elf = library.getValue();
            assertEquals(elfMachine, machine(elf), library.getKey() + " is built for " + arch);
            String glibc = newest(GLIBC, elf);
            System.out.printf("  %s: needs glibc %s%s%n", library.getKey(), glibc,
                    newest(GLIBCXX, elf).isEmpty() ? "" : ", libstdc++ GLIBCXX_" + newest(GLIBCXX, elf));
            assertTrue(compare(glibc, NEWEST_GLIBC) <= 0, library.getKey() + " needs glibc " + glibc);
        }
    }

    /** On this machine's architecture, the package's libvips loads from lib/ as the function would load it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64", "aarch64"})
    void itsLibvipsLoadsFromLib(String arch) throws Exception {
        assumeTrue(System.getProperty("os.arch").replace("amd64", "x86_64").equals(arch), "another architecture");
        Path task = Files.createTempDirectory("lambda-task-");
        unzip(Path.of("target/pictor-lambda-" + arch + ".zip"), task);
        try (var files = Files.list(task.resolve("lib"))) {
            List<Path> vips = files.filter(f -> f.getFileName().toString().startsWith("libvips-cpp.so")).toList();
            assumeTrue(!vips.isEmpty() || "1".equals(System.getenv("PICTOR_REQUIRE_LIBVIPS")), "libvips not fetched");
            assertEquals(1, vips.size());
            SymbolLookup lookup = SymbolLookup.libraryLookup(vips.getFirst(), Arena.global());
            assertTrue(lookup.find("vips_init").isPresent());
            assertTrue(lookup.find("vips_heifsave_buffer").isPresent(), "AVIF is built in");
        }
    }

    private static long unzip(Path zip, Path into) throws IOException {
        long total = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    total += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return total;
    }

    /** e_machine of an ELF file (62 x86-64, 183 AArch64). */
    private static int machine(byte[] elf) {
        assertEquals("\u007fELF", new String(elf, 0, 4, StandardCharsets.ISO_8859_1));
        ByteOrder order = elf[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return ByteBuffer.wrap(elf, 18, 2).order(order).getShort() & 0xFFFF;
    }

    /**
     * The newest symbol version a library asks for: the version names stand in its dynamic string table, which is
     * all a loader compares with what the system's libc offers.
     */
    private static String newest(Pattern pattern, byte[] elf) {
        Matcher m = pattern.matcher(new String(elf, StandardCharsets.ISO_8859_1));
        String newest = "";
        while (m.find()) {
            String version = pattern == GLIBC ? m.group(1) + "." + m.group(2) : m.group(1);
            if (newest.isEmpty() || compare(version, newest) > 0) {
                newest = version;
            }
        }
        return newest;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
