package dev.pictor.variants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where each original's variants go: readable names in the usual case, and never one shared by two originals. */
class VariantKeyTest {

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource(delimiterString = " | ", textBlock = """
            the extension written keeps the plain name | uploads/photo.jpg       | thumb | jpg  | processed/photo-thumb.jpg
            folders are kept                           | uploads/a/b/My Pic.png  | large | png  | processed/a/b/My Pic-large.png
            another spelling of the format             | uploads/photo.jpeg      | thumb | jpg  | processed/photo.jpeg-feb990-thumb.jpg
            another case                               | uploads/photo.JPG       | thumb | jpg  | processed/photo.JPG-6b4faf-thumb.jpg
            no extension                               | uploads/photo           | thumb | jpg  | processed/photo-d8f6b0-thumb.jpg
            a name that ends where another begins      | uploads/a.b             | thumb | jpg  | processed/a.b-f95d5f-thumb.jpg
            and the other one                          | uploads/a.b.jpg         | thumb | jpg  | processed/a.b-thumb.jpg
            a variant in another format                | uploads/photo.jpg       | w300  | webp | processed/photo.jpg-c74ce6-w300.webp
            a file named only by its extension         | uploads/dir/.jpg        | thumb | jpg  | processed/dir/.jpg-7a3c94-thumb.jpg
            """)
    void variantKeys(String what, String upload, String suffix, String extension, String expected) {
        assertEquals(expected, UploadProcessor.variantKey(upload, suffix, extension));
    }
}
