package dev.oncall.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Exactly the IANA zone names are accepted as a zone; offsets and Java-only ids never are. */
class ZonesProperties {
    @Provide
    Arbitrary<String> ianaNames() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds().stream().filter(id -> !id.startsWith("SystemV/")).sorted()
                .toList());
    }

    @Property
    void everyIanaNameTheJdkKnowsIsAcceptedAsThatZone(@ForAll("ianaNames") String name) {
        assertThat(Zones.parse(name)).contains(ZoneId.of(name));
        Problems problems = new Problems();
        assertThat(Zones.check(problems, "timezone", name)).isEqualTo(ZoneId.of(name));
        assertThat(problems.isEmpty()).isTrue();
    }

    /** Offsets in every spelling ZoneId.of understands: +05:00, UTC+5, GMT-03:30, UT+0530, Z. */
    @Provide
    Arbitrary<String> offsets() {
        Arbitrary<ZoneOffset> offset = Arbitraries.integers().between(-18 * 4, 18 * 4)
                .map(quarters -> ZoneOffset.ofTotalSeconds(quarters * 15 * 60));
        return Combinators.combine(Arbitraries.of("", "UTC", "GMT", "UT"), offset, Arbitraries.of(0, 1, 2))
                .as((prefix, o, style) -> {
                    String written = o.getId().equals("Z") ? "+00:00" : o.getId();
                    int hours = o.getTotalSeconds() / 3600;
                    if (style == 1 && o.getTotalSeconds() % 3600 == 0) {
                        written = (hours < 0 ? "-" : "+") + Math.abs(hours);
                    } else if (style == 2) {
                        written = written.replace(":", "");
                    }
                    return prefix + written;
                })
                // GMT+0 and GMT-0 are IANA names (links to Etc/GMT), so not offsets in this sense.
                .filter(name -> isZoneIdOf(name) && !Zones.names().contains(name));
    }

    @Property
    void offsetsAreRefusedWithTheIanaNameOfTheOffsetWhenThereIsOne(@ForAll("offsets") String name) {
        Problems problems = new Problems();
        assertThat(Zones.check(problems, "timezone", name)).isNull();
        assertThat(problems.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("timezone");
            assertThat(e.message()).contains("is a fixed offset, not a time zone");
        });
        ZoneOffset offset = ZoneId.of(name).getRules().getOffset(java.time.Instant.EPOCH);
        int seconds = offset.getTotalSeconds();
        if (seconds != 0 && seconds % 3600 == 0 && seconds >= -12 * 3600 && seconds <= 14 * 3600) {
            String etc = "Etc/GMT" + (seconds > 0 ? "-" : "+") + Math.abs(seconds / 3600);
            assertThat(problems.errors().getFirst().message()).contains(etc);
            assertThat(ZoneId.of(etc).getRules().getOffset(java.time.Instant.EPOCH)).isEqualTo(offset);
        }
    }

    @Property
    void namesDifferingOnlyInCaseAreRefusedWithTheRightSpelling(@ForAll("ianaNames") String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(name) || Zones.names().contains(lower)) {
            return;
        }
        Problems problems = new Problems();
        Zones.check(problems, "zone", lower);
        assertThat(problems.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("did you mean \"").contains("\"?"));
    }

    @Property
    void anythingElseIsRefused(@ForAll("noise") String name) {
        assertThat(Zones.parse(name).isPresent()).isEqualTo(Zones.names().contains(name));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20),
                ianaNames().map(n -> n + "\u0000"), ianaNames().map(n -> " " + n),
                Arbitraries.of("SystemV/EST5", "SystemV/PST8PDT", "Mars/Olympus_Mons", "", "Europe/", "/"));
    }

    @Example
    void javaOnlySystemVIdsAreRefused() {
        for (String id : ZoneId.getAvailableZoneIds().stream().filter(id -> id.startsWith("SystemV/")).toList()) {
            Problems problems = new Problems();
            assertThat(Zones.check(problems, "timezone", id)).as(id).isNull();
            assertThat(problems.errors().getFirst().message()).contains("not an IANA name");
        }
    }

    @Example
    void ianaLinksTheJdkLeavesOutAreAcceptedAsTheZoneTheyName() {
        assertThat(Zones.parse("EST")).contains(ZoneId.of("America/Panama"));
        assertThat(Zones.parse("MST")).contains(ZoneId.of("America/Phoenix"));
        assertThat(Zones.parse("HST")).contains(ZoneId.of("Pacific/Honolulu"));
        assertThat(Zones.parse("ROC")).contains(ZoneId.of("Asia/Taipei"));
        for (String name : List.of("UTC", "Etc/GMT+5", "EST5EDT", "US/Eastern", "Europe/London")) {
            assertThat(Zones.parse(name)).as(name).isPresent();
        }
    }

    private static boolean isZoneIdOf(String name) {
        try {
            ZoneId.of(name);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }
}
