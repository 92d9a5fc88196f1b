package dev.oncall.core.cover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoverSplitTest {
    private static final Instant NINE = Instant.parse("2026-07-07T09:00:00Z");
    private static final Instant TWELVE = Instant.parse("2026-07-07T12:00:00Z");
    private static final Instant FIFTEEN = Instant.parse("2026-07-07T15:00:00Z");
    private static final Instant EIGHTEEN = Instant.parse("2026-07-07T18:00:00Z");
    private static final Instant SIX = Instant.parse("2026-07-07T06:00:00Z");
    private static final Instant TWENTY = Instant.parse("2026-07-07T20:00:00Z");

    @Test
    void aRequestOverTheWholeShiftMarksItWithoutSplitting() {
        assertThat(CoverPosition.of(NINE, EIGHTEEN, SIX, TWENTY)).isEqualTo(CoverPosition.WHOLE);
        assertThat(CoverSplit.split(NINE, EIGHTEEN, NINE, EIGHTEEN)).containsExactly(new CoverPart(NINE, EIGHTEEN, true));
    }

    @Test
    void aRequestOverTheStartSplitsInTwoAndMarksTheLeftPart() {
        assertThat(CoverPosition.of(NINE, EIGHTEEN, SIX, TWELVE)).isEqualTo(CoverPosition.START);
        assertThat(CoverSplit.split(NINE, EIGHTEEN, SIX, TWELVE))
                .containsExactly(new CoverPart(NINE, TWELVE, true), new CoverPart(TWELVE, EIGHTEEN, false));
    }

    @Test
    void aRequestOverTheEndSplitsInTwoAndMarksTheRightPart() {
        assertThat(CoverPosition.of(NINE, EIGHTEEN, FIFTEEN, TWENTY)).isEqualTo(CoverPosition.END);
        assertThat(CoverSplit.split(NINE, EIGHTEEN, FIFTEEN, TWENTY))
                .containsExactly(new CoverPart(NINE, FIFTEEN, false), new CoverPart(FIFTEEN, EIGHTEEN, true));
    }

    @Test
    void aRequestInTheMiddleSplitsInThreeAndMarksTheMiddle() {
        assertThat(CoverPosition.of(NINE, EIGHTEEN, TWELVE, FIFTEEN)).isEqualTo(CoverPosition.MIDDLE);
        assertThat(CoverSplit.split(NINE, EIGHTEEN, TWELVE, FIFTEEN)).containsExactly(
                new CoverPart(NINE, TWELVE, false), new CoverPart(TWELVE, FIFTEEN, true), new CoverPart(FIFTEEN, EIGHTEEN, false));
    }

    @Test
    void aRequestThatMissesTheShiftLeavesItAlone() {
        assertThat(CoverPosition.of(NINE, TWELVE, TWELVE, EIGHTEEN)).isEqualTo(CoverPosition.NONE);
        assertThat(CoverSplit.split(NINE, TWELVE, TWELVE, EIGHTEEN)).containsExactly(new CoverPart(NINE, TWELVE, false));
    }
}
