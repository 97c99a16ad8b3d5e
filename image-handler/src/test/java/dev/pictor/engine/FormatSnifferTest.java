package dev.pictor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pictor.edit.ImageFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text sources: an SVG is an XML document whose root element is svg, whatever comes before it. */
class FormatSnifferTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            bare root element                       | <svg xmlns="http://www.w3.org/2000/svg"/>                          | SVG
            XML declaration first                   | <?xml version="1.0"?>\\n<svg width="1" height="1"/>               | SVG
            byte order mark first                   | \\uFEFF<svg width="1" height="1"></svg>                            | SVG
            comment and DOCTYPE first               | <!-- made by hand --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg >  | SVG
            DOCTYPE with an internal subset         | <!DOCTYPE svg [<!ENTITY a "b">]><svg>                               | SVG
            HTML holding an SVG is not one          | <html><body><svg width="1" height="1"></svg>                        | -
            another root element                    | <?xml version="1.0"?><svgx width="1"/>                              | -
            an unclosed comment                     | <!-- <svg width="1" height="1"/>                                    | -
            plain text                              | this is not an image at all                                        | -
            """)
    void sniffsSvg(String name, String text, String format) {
        byte[] bytes = text.replace("\\n", "\n").replace("\\uFEFF", "\uFEFF").getBytes(StandardCharsets.UTF_8);
        assertEquals(format.equals("-") ? null : ImageFormat.valueOf(format),
                FormatSniffer.sniff(bytes).orElse(null), name);
    }
}
