package dev.oncall.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReplyTest {
    @ParameterizedTest
    @CsvSource({
            "1A, 1, ACKNOWLEDGE", "1a, 1, ACKNOWLEDGE", "' 12 a. ', 12, ACKNOWLEDGE", "3R, 3, RESOLVE",
            "ACK 1234, 1234, ACKNOWLEDGE", "ack1234, 1234, ACKNOWLEDGE", "acknowledge 7, 7, ACKNOWLEDGE",
            "RES 1234, 1234, RESOLVE", "resolve 2!, 2, RESOLVE", "close 5, 5, RESOLVE"})
    void understandsCodesAndWords(String text, int code, AckAction action) {
        assertThat(SmsReply.parse(text)).contains(new SmsReply(OptionalInt.of(code), action));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACK ALL", "ack all", "Ack All."})
    void acknowledgesEverythingOnAckAll(String text) {
        assertThat(SmsReply.parse(text)).contains(new SmsReply(OptionalInt.empty(), AckAction.ACKNOWLEDGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "RES ALL", "0A", "12345A", "ACK", "A1", "1X", "ACK -1", "1 A B"})
    void refusesAnythingElse(String text) {
        assertThat(SmsReply.parse(text)).isEqualTo(Optional.empty());
    }
}
