package dev.oncall.core.cover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class CoverRequestStatusTest {
    @Test
    void anOpenRequestIsClaimedOrCancelled() {
        assertThat(CoverRequestStatus.OPEN.claim()).isEqualTo(CoverRequestStatus.CLAIMED);
        assertThat(CoverRequestStatus.OPEN.cancel()).isEqualTo(CoverRequestStatus.CANCELLED);
    }

    @Test
    void claimedAndCancelledAreFinal() {
        for (CoverRequestStatus done : new CoverRequestStatus[] {CoverRequestStatus.CLAIMED, CoverRequestStatus.CANCELLED}) {
            assertThatThrownBy(done::claim).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("no longer open (it is " + done.code() + ")");
            assertThatThrownBy(done::cancel).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("only an open cover request can be cancelled (it is " + done.code() + ")");
        }
    }

    @Test
    void statusesAreStoredAsLowerCaseCodes() {
        assertThat(CoverRequestStatus.CLAIMED.code()).isEqualTo("claimed");
        assertThat(CoverRequestStatus.parse("cancelled")).contains(CoverRequestStatus.CANCELLED);
        assertThat(CoverRequestStatus.parse("lost")).isEmpty();
    }
}
