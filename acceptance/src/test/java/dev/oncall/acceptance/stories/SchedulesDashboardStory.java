package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A person reads and changes a schedule in the dashboard, in a real browser: a New York rotation
 * whose handoffs cross New York's (and London's, and Lord Howe's half-hour) clock changes, read
 * in Europe/London and Australia/Lord_Howe side by side, shows each handoff at the instant
 * java.time says; a layer with a rotation length of 0 shows the API's error on that field; an
 * override made with the form shows on the chart; a phrase ("tomorrow 9am to 5pm") fills the
 * form's times in the viewer's zone without creating anything. The zones come from the address, never from
 * the machine's. Screenshots go to target/screenshots.
 */
@ExtendWith(InstallationExtension.class)
class SchedulesDashboardStory {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** New York moves to EDT on 2027-03-14, London to BST on 03-28, Lord Howe from +11 to +10:30 on 04-04. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2027, 3, 12);

    @Test
    void handoffsAcrossTheNewYorkClockChangeReadInLondonAndLordHowe(Installation system) {
        Crew crew = Crew.of(system, "Follow the sun", List.of("amy", "ben"), "cat", List.of());
        String scheduleId = nineToNineInNewYork(crew);

        try (Browser browser = signedIn(system)) {
            browser.go(system.url("/#/schedules/" + scheduleId + "?view=month&date=" + FIRST_DAY
                    + "&zones=" + LONDON.getId() + "," + LORD_HOWE.getId()));
            browser.awaitText(By.id("schedule-chart"), "nobody on call");
            // Each morning's 09:00 in New York, from the month's first morning to the last one it shows.
            Instant end = FIRST_DAY.plusMonths(1).atStartOfDay(LONDON).toInstant();
            List<Instant> handoffs = new ArrayList<>();
            for (LocalDate day = FIRST_DAY; ; day = day.plusDays(1)) {
                Instant at = LocalDateTime.of(day, LocalTime.of(9, 0)).atZone(NEW_YORK).toInstant();
                if (!at.isBefore(end)) {
                    break;
                }
                handoffs.add(at);
            }
            List<List<String>> rows = browser.await("the handoffs in both zones", Poll.DEFAULT,
                    d -> Optional.of(d.findElements(By.cssSelector("#handoffs tbody tr")).stream().map(r -> List.of(
                            r.findElement(By.cssSelector("td.who")).getText(),
                            r.findElement(By.cssSelector("td[data-zone='" + LONDON.getId() + "']")).getText(),
                            r.findElement(By.cssSelector("td[data-zone='" + LORD_HOWE.getId() + "']")).getText())).toList())
                            .filter(r -> r.size() > handoffs.size()));
            for (Instant at : handoffs) {
                String london = at.atZone(LONDON).format(SHOWN);
                String lordHowe = at.atZone(LORD_HOWE).format(SHOWN);
                assertThat(rows).as("a handoff at %s: %s in London, %s on Lord Howe", at, london, lordHowe)
                        .anySatisfy(r -> {
                            assertThat(r.get(0)).doesNotContain("nobody");
                            assertThat(r.get(1)).contains(london);
                            assertThat(r.get(2)).contains(lordHowe);
                        });
            }
            // The clock changes themselves: 09:00 in New York is 14:00 then 13:00 in London, and Lord Howe's half hour.
            assertThat(rows).anySatisfy(r -> assertThat(r.get(1)).contains("2027-03-13 14:00"));
            assertThat(rows).anySatisfy(r -> assertThat(r.get(1)).contains("2027-03-14 13:00"));
            assertThat(rows).anySatisfy(r -> assertThat(r.get(2)).contains("2027-04-05 23:30").contains("GMT+10:30"));
            // The nights are gaps, from 21:00 in New York.
            Instant night = LocalDateTime.of(2027, 3, 14, 21, 0).atZone(NEW_YORK).toInstant();
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.get(0)).isEqualTo("nobody on call");
                assertThat(r.get(1)).contains(night.atZone(LONDON).format(SHOWN));
                assertThat(r.get(2)).contains(night.atZone(LORD_HOWE).format(SHOWN));
            });
            browser.screenshot("schedule-month-follow-the-sun");

            browser.go(system.url("/#/schedules/" + scheduleId + "?view=week&date=2027-03-12&zones=" + NEW_YORK.getId()
                    + "," + LONDON.getId() + "," + LORD_HOWE.getId()));
            browser.awaitText(By.cssSelector("#handoffs thead"), "From (" + LORD_HOWE.getId() + ")");
            browser.awaitText(By.cssSelector("#handoffs td[data-zone='" + NEW_YORK.getId() + "']"), "2027-03-14 09:00");
            browser.awaitText(By.id("hours"), "Hours");
            browser.screenshot("schedule-week");
        }
    }

    @Test
    void aLayerWithARotationOfLengthZeroShowsTheErrorOnThatField(Installation system) {
        Crew crew = Crew.of(system, "Layers", List.of("dan", "eva"), "fay", List.of());
        String scheduleId = nineToNineInNewYork(crew);
        String layerId = crew.admin.data("query($id: ID!) { schedule(id: $id) { layers { id } } }", Map.of("id", scheduleId))
                .at("/schedule/layers/0/id").asString();

        try (Browser browser = signedIn(system)) {
            browser.go(system.url("/#/schedules/" + scheduleId + "?view=week&date=" + FIRST_DAY + "&zones=" + NEW_YORK.getId()));
            By length = By.cssSelector("#layer-form-" + layerId + " [data-field='layer.rotation.length']");
            browser.await("the length field set to 0", Poll.DEFAULT, d -> d.findElements(length).stream().findFirst().map(e -> {
                e.clear();
                e.sendKeys("0");
                return true;
            }));
            browser.click("Save layer", By.cssSelector("#layer-form-" + layerId + " button.layer-save"));
            String message = browser.await("the error on the length field", Poll.DEFAULT, d -> d.findElements(length).stream()
                    .filter(e -> "true".equals(e.getAttribute("aria-invalid")))
                    .map(e -> {
                        WebElement next = e.findElement(By.xpath("following-sibling::*[1]"));
                        assertThat(next.getAttribute("id")).isEqualTo(e.getAttribute("aria-describedby"));
                        return next.getText();
                    }).filter(t -> !t.isBlank()).findFirst());
            assertThat(message).as("the API's own words").contains("must be at least 1");
            browser.screenshot("schedule-layer-error");
            // Nothing was saved.
            assertThat(crew.admin.data("query($id: ID!) { schedule(id: $id) { layers { rotation { length } } } }",
                    Map.of("id", scheduleId)).at("/schedule/layers/0/rotation/length").asInt()).isEqualTo(1);
        }
    }

    @Test
    void anOverrideMadeWithTheFormShowsOnTheChart(Installation system) {
        Crew crew = Crew.of(system, "Overrides", List.of("gus", "hal"), "ida", List.of());
        String scheduleId = nineToNineInNewYork(crew);
        Crew.Person manager = crew.people.values().stream().filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow();
        String managerName = crew.admin.data("query($id: ID!) { user(id: $id) { name } }", Map.of("id", manager.id()))
                .at("/user/name").asString();

        try (Browser browser = signedIn(system)) {
            browser.go(system.url("/#/schedules/" + scheduleId + "?view=week&date=2027-03-15&zones=" + LONDON.getId()));
            // The form reads its times in the first zone shown: London.
            browser.await("the override form filled", Poll.DEFAULT, d -> d.findElements(By.id("override-form")).stream().findFirst().map(f -> {
                d.executeScript("""
                        const f = arguments[0];
                        f.querySelector('[data-field=userId]').value = arguments[1];
                        f.querySelector('[data-field=start]').value = '2027-03-16T02:00';
                        f.querySelector('[data-field=end]').value = '2027-03-16T08:30';""", f, manager.id());
                return true;
            }));
            browser.click("Create override", By.id("override-submit"));
            browser.awaitText(By.id("schedule-notice"), "Override created");
            String start = LocalDateTime.of(2027, 3, 16, 2, 0).atZone(LONDON).format(SHOWN);
            WebElement block = browser.awaitText(By.cssSelector("#row-overrides .block-override"), managerName);
            assertThat(block.getAttribute("aria-label")).contains(start).contains("2027-03-16 08:30");
            // The final row: the override wins over the night's gap.
            browser.await("the override in the final timeline", Poll.DEFAULT, d -> d.findElements(By.cssSelector("#row-final .block"))
                    .stream().filter(b -> b.getText().contains(managerName)
                            && b.getAttribute("aria-label").contains(start)).findFirst());
            assertThat(crew.admin.data("query($id: ID!) { schedule(id: $id) { overrides(from: \"2027-03-16T00:00:00Z\", to: \"2027-03-17T00:00:00Z\") { edges { node { start end user { id } } } } } }",
                    Map.of("id", scheduleId)).at("/schedule/overrides/edges/0/node/start").asString())
                    .isEqualTo("2027-03-16T02:00:00Z");
            browser.screenshot("schedule-override");
        }
    }

    @Test
    void aPhraseFillsTheOverrideFormForThePersonToConfirm(Installation system) {
        Crew crew = Crew.of(system, "Phrases", List.of("jo", "kit"), "lee", List.of());
        String scheduleId = nineToNineInNewYork(crew);
        try (Browser browser = signedIn(system)) {
            browser.go(system.url("/#/schedules/" + scheduleId + "?view=week&date=2027-03-15&zones=" + LORD_HOWE.getId()));
            // Not understood: the error is on the phrase's field, and the times stay empty.
            browser.await("the phrase field", By.id("override-phrase")).sendKeys("gibberish blah");
            browser.click("Fill From and To", By.id("override-describe"));
            browser.await("the error on the phrase", Poll.DEFAULT, d -> d.findElements(By.cssSelector("#override-phrase[aria-invalid=true]"))
                    .stream().findFirst().map(f -> d.findElement(By.id(f.getAttribute("aria-describedby"))).getText())
                    .filter(t -> !t.isBlank()));
            assertThat(browser.all(By.cssSelector("#override-start")).getFirst().getAttribute("value")).isEmpty();

            // "Tomorrow" is the server's, in the zone the viewer reads: Lord Howe here.
            Instant before = Instant.parse(crew.admin.data("{ serverInfo { now } }").at("/serverInfo/now").asString());
            WebElement phrase = browser.await("the phrase field", By.id("override-phrase"));
            phrase.clear();
            phrase.sendKeys("tomorrow 9am to 5pm");
            browser.click("Fill From and To", By.id("override-describe"));
            List<String> filled = browser.await("From and To filled", Poll.DEFAULT, d -> {
                String from = d.findElement(By.id("override-start")).getAttribute("value");
                String to = d.findElement(By.id("override-end")).getAttribute("value");
                return from.isEmpty() ? Optional.empty() : Optional.of(List.of(from, to));
            });
            Instant after = Instant.parse(crew.admin.data("{ serverInfo { now } }").at("/serverInfo/now").asString());
            List<List<String>> expected = new ArrayList<>();
            for (Instant now : List.of(before, after)) {
                LocalDate tomorrow = LocalDate.ofInstant(now, LORD_HOWE).plusDays(1);
                expected.add(List.of(tomorrow.atTime(9, 0).toString(), tomorrow.atTime(17, 0).toString()));
            }
            assertThat(expected).contains(filled);
            assertThat(browser.all(By.cssSelector("#override-phrase[aria-invalid]"))).isEmpty();
            browser.awaitText(By.id("override-phrase-status"), "check them");
            browser.screenshot("schedule-override-phrase");
            // Nothing was created: that waits for the form's own button.
            assertThat(crew.admin.data("query($id: ID!, $from: DateTime!, $to: DateTime!) { schedule(id: $id) { overrides(from: $from, to: $to) { edges { node { id } } } } }",
                    Map.of("id", scheduleId, "from", before.minus(Duration.ofDays(1)).toString(), "to", after.plus(Duration.ofDays(3)).toString()))
                    .at("/schedule/overrides/edges")).isEmpty();
        }
    }

    /** A daily New York rotation of the crew's responders, on from 09:00 to 21:00 (the nights are gaps). */
    private static String nineToNineInNewYork(Crew crew) {
        List<String> responders = crew.people.values().stream().filter(p -> p.role().equals("RESPONDER")).map(Crew.Person::id).toList();
        return crew.admin.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId, "name", "Across the clock change",
                "timezone", NEW_YORK.getId(), "layers", List.of(Map.of("name", "days", "start", "2027-03-01T09:00",
                        "rotation", Map.of("type", "DAILY", "length", 1), "participants", responders,
                        "restrictions", List.of(Map.of("type", "DAILY", "start", "09:00", "end", "21:00"))))))
                .at("/schedule/id").asString();
    }

    private static Browser signedIn(Installation system) {
        Browser browser = Browser.open();
        browser.go(system.url("/#token=" + system.adminToken()));
        browser.awaitText(By.id("live-state"), "Live");
        return browser;
    }
}
