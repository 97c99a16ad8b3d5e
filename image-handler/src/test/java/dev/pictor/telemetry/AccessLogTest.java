package dev.pictor.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the access line writes of a request's path and query: never a signature, however it is spelt. */
class AccessLogTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", nullValues = "null", textBlock = """
            a Thumbor signature                | /AAAAAAAAAAAAAAAAAAAAAAAAAAA=/300x200/a.jpg | -                          | /<signature>/300x200/a.jpg
            a query signature                  | /a.jpg                                       | width=3&signature=ab12     | /a.jpg?width=3&signature=<signature>
            a signature name percent-encoded   | /a.jpg                                       | width=3&%73ignature=ab12   | /a.jpg?width=3&%73ignature=<signature>
            a signature name in capitals       | /a.jpg                                       | SIGNATURE=ab12             | /a.jpg?SIGNATURE=<signature>
            a signature twice                  | /a.jpg                                       | signature=a&signature=b    | /a.jpg?signature=<signature>&signature=<signature>
            a broken escape is written as sent | /a.jpg                                       | %zz=1                      | /a.jpg?%zz=1
            an unsigned URL as it is           | /unsafe/300x200/a.jpg                        | -                          | /unsafe/300x200/a.jpg
            no path at all                     | null                                         | -                          | ''
            """)
    void signaturesAreNeverWritten(String name, String path, String query, String logged) {
        assertEquals(logged, AccessLog.redact(path, query.equals("-") ? "" : query));
    }
}
