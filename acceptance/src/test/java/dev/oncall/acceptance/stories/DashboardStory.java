package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.FakeTwilio;
import dev.oncall.acceptance.system.CuttableProxy;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A person opens the dashboard in a real browser (Chromium, unable to reach any host but this
 * one): signs in with the link the local run prints, sees who is on call, watches an alert
 * arrive in the incident list without reloading, acknowledges it there and reads the
 * acknowledgement on the incident's page; the network drops and comes back, and the list
 * catches up with nothing missing and nothing twice. Every screen is saved under
 * target/screenshots for a reviewer.
 */
@ExtendWith(InstallationExtension.class)
class DashboardStory {
    /** The functional requirement: an alert shows up in an open list within 2 s. */
    private static final Duration LIVE = Duration.ofSeconds(2);
    private static final By LIVE_STATE = By.id("live-state");

    @Test
    void signInWithTheLinkAndSeeWhoIsOnCall(Installation system) {
        Crew crew = Crew.of(system, "Payments", List.of("alice", "bob"), "carol", List.of());
        String me = crew.admin.data("{ me { id } }").at("/me/id").asString();
        crew.admin.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId, "name", "Front desk",
                "timezone", Crew.ZONE.getId(), "layers", List.of(Map.of("name", "daily",
                        "start", LocalDate.now(Crew.ZONE).minusDays(1) + "T00:00",
                        "rotation", Map.of("type", "DAILY", "length", 1), "participants", List.of(me)))));
        String onCall = crew.onCallNow().getFirst().handle();

        try (Browser browser = Browser.open()) {
            browser.go(system.url("/#token=" + system.adminToken()));
            browser.awaitText(LIVE_STATE, "Live");
            assertThat(browser.currentUrl()).as("the token leaves the address").doesNotContain("token");
            browser.go(system.url("/#/?team=" + crew.teamId));

            WebElement primary = browser.awaitText(By.cssSelector("#schedule-board tbody"), "Primary");
            assertThat(primary.getText()).contains(onCall);
            browser.awaitText(By.id("level-board"), onCall);
            browser.awaitText(By.id("me-oncall-section"), "On call now for Front desk");
            browser.screenshot("home");

            // The same screen dark, as a system set to dark asks, and on a phone.
            browser.devTools("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).as("dark background")
                    .isNotEqualTo("rgb(255, 255, 255)");
            browser.screenshot("home-dark");
            browser.devTools("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
            browser.awaitText(By.id("me-oncall-section"), "On call now for Front desk");
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scroll")
                    .isEqualTo(true);
            browser.screenshot("home-phone");
        }
    }

    @Test
    void anAlertAppearsLiveIsAcknowledgedFromTheListAndTheAcknowledgementIsOnItsPage(Installation system) {
        Crew crew = Crew.of(system, "Checkout", List.of("dora", "eve"), "frank", List.of());
        try (Browser browser = Browser.open()) {
            openIncidents(browser, system.url(""), system, crew);

            String title = "Checkout 5xx above 2% " + crew.name;
            trigger(system, crew, title, "checkout/5xx");
            // Rows are redrawn as the incident's events arrive: read a row in the same probe that finds it.
            String row = browser.await("the alert in the list within " + LIVE.toMillis() + " ms", LIVE,
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title).map(WebElement::getText));
            assertThat(row).contains("Triggered");
            browser.screenshot("incidents");

            // The person on call is texted, and the phone network reports the text delivered, before they act.
            Crew.Person onCall = crew.onCallNow().getFirst();
            FakeTwilio.Sent text = Poll.value("a text to " + onCall.handle(), () -> system.twilio().sentTo(onCall.phone())
                    .stream().filter(t -> t.body().contains(title)).findFirst());
            assertThat(system.twilio().report(text, "delivered") / 100).as("2xx").isEqualTo(2);

            browser.await("the acknowledge button clicked", Duration.ofSeconds(10),
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title).map(r -> {
                        r.findElement(By.cssSelector("button.act-acknowledge")).click();
                        return true;
                    }));
            browser.await("the incident acknowledged in the list", Duration.ofSeconds(10),
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title)
                            .filter(r -> r.getText().contains("Acknowledged")));
            browser.awaitText(By.id("notice"), "Acknowledged 1 incident");

            // In bulk: the row selected, "Reassign selected", a teammate chosen in the dialog.
            Crew.Person other = crew.people.values().stream().filter(p -> !p.id().equals(onCall.id())).findFirst()
                    .orElseThrow();
            browser.await("the row selected", Duration.ofSeconds(10),
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title).map(r -> {
                        r.findElement(By.cssSelector("input.select")).click();
                        return true;
                    }));
            browser.click("Reassign selected", By.cssSelector("button.bulk-reassign"));
            browser.click("tick " + other.handle(), By.xpath(
                    "//dialog[@id='reassign-dialog']//label[contains(., '" + other.handle() + "')]/input"));
            browser.click("the dialog's Reassign", By.cssSelector("#reassign-dialog button[type=submit]"));
            browser.awaitText(By.id("notice"), "Reassigned 1 incident");
            browser.await("the row held by " + other.handle(), Duration.ofSeconds(10),
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title)
                            .filter(r -> r.findElements(By.cssSelector("td")).get(5).getText().equals(other.handle())));

            browser.click("the incident's link", By.linkText(title));
            WebElement ack = browser.awaitText(By.cssSelector("#timeline li[data-kind=ACKNOWLEDGED]"),
                    "through the dashboard or API");
            assertThat(ack.getText()).contains("Acknowledged by");
            String timeline = browser.await("the timeline", By.id("timeline")).getText();
            assertThat(timeline).contains("Opened by an alert: " + title).contains("paged")
                    .contains("Will notify").contains("by SMS");
            browser.awaitText(By.id("timeline"), "Sent to " + onCall.handle() + " by SMS");
            browser.awaitText(By.id("timeline"), "Delivered to " + onCall.handle() + " by SMS");
            browser.screenshot("incident");

            // Handed back on its page: the teammate unticked, the one on call ticked, and the log says so.
            assertThat(browser.await("the reassignment in the log", By.cssSelector("#timeline li[data-kind=REASSIGNED]"))
                    .getText()).contains("to " + other.handle());
            browser.click("untick " + other.handle(), checkbox(other));
            browser.click("tick " + onCall.handle(), checkbox(onCall));
            browser.click("Reassign", By.cssSelector("#reassign button.act-reassign"));
            browser.awaitText(By.id("notice"), "Reassigned to " + onCall.handle());
            browser.await("the second reassignment in the log", Duration.ofSeconds(10),
                    d -> d.findElements(By.cssSelector("#timeline li[data-kind=REASSIGNED]")).stream()
                            .filter(li -> li.getText().contains("to " + onCall.handle())).findFirst());
        }
    }

    @Test
    void theNetworkDropsAndComesBackAndTheListCatchesUpWithNoGapAndNoDuplicate(Installation system) {
        Crew crew = Crew.of(system, "Search", List.of("gina", "hugo"), "ivan", List.of());
        try (CuttableProxy network = new CuttableProxy(system.apiPort()); Browser browser = Browser.open()) {
            openIncidents(browser, network.url(), system, crew);
            trigger(system, crew, "Before the drop " + crew.name, "before");
            browser.await("the first alert", Duration.ofSeconds(10),
                    d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), "Before the drop " + crew.name));

            network.cut();
            browser.awaitText(LIVE_STATE, "Reconnecting");
            List<String> missed = List.of("During the drop 1 ", "During the drop 2 ", "During the drop 3 ").stream()
                    .map(t -> t + crew.name).toList();
            for (String title : missed) {
                trigger(system, crew, title, title);
                crew.incidentTitled(title);
            }
            browser.screenshot("reconnecting");
            assertThat(browser.all(By.id("live-state")).getFirst().getText()).contains("Reconnecting");

            network.restore();
            browser.awaitText(LIVE_STATE, "Live");
            for (String title : missed) {
                browser.await(title + " in the list", Duration.ofSeconds(30),
                        d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title));
            }
            List<String> shown = browser.all(By.cssSelector("#incident-rows tr td.title")).stream()
                    .map(WebElement::getText).toList();
            List<String> open = crew.admin.data("""
                            query($team: ID) { incidents(teamId: $team, filter: {status: [TRIGGERED, ACKNOWLEDGED]}, first: 100) {
                              edges { node { title } } } }""", Map.of("team", crew.teamId))
                    .at("/incidents/edges").valueStream().map(e -> e.at("/node/title").asString()).toList();
            assertThat(shown).as("every open incident once").containsExactlyInAnyOrderElementsOf(open).doesNotHaveDuplicates();
            browser.screenshot("caught-up");
        }
    }

    /** Signs in through {@code base} with the link, opens the team's incidents, waits for the live feed. */
    private static void openIncidents(Browser browser, String base, Installation system, Crew crew) {
        browser.go(base + "/#token=" + system.adminToken());
        browser.awaitText(LIVE_STATE, "Live");
        browser.go(base + "/#/incidents?team=" + crew.teamId);
        browser.awaitText(By.cssSelector("#team-select option:checked"), crew.name);
        awaitFeed(browser, crew);
    }

    /**
     * The feed is live when the server has set the subscription up, which a page cannot see; so
     * resolve a quiet incident through the API until its row leaves the list of open incidents,
     * which only an event on the feed makes it do.
     */
    private static void awaitFeed(Browser browser, Crew crew) {
        String title = "warm-up " + crew.name;
        String id = crew.admin.mutate("triggerIncident", "incident { id }", Map.of("serviceId", crew.serviceId,
                "summary", title, "urgency", "LOW")).at("/incident/id").asString();
        browser.await("the warm-up incident", Duration.ofSeconds(30),
                d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title));
        crew.admin.mutate("resolve", "incident { id }", Map.of("incidentId", id));
        browser.await("the warm-up incident resolved live", Duration.ofSeconds(30),
                d -> rowTitled(d.findElements(By.cssSelector("#incident-rows tr")), title).isPresent()
                        ? Optional.empty() : Optional.of(true));
    }

    /** The reassign form's box for {@code person}. */
    private static By checkbox(Crew.Person person) {
        return By.xpath("//form[@id='reassign']//label[contains(., '" + person.handle() + "')]/input");
    }

    private static Optional<WebElement> rowTitled(List<WebElement> rows, String title) {
        return rows.stream().filter(r -> r.findElements(By.cssSelector("td.title")).stream()
                .anyMatch(t -> t.getText().equals(title))).findFirst();
    }

    private static void trigger(Installation system, Crew crew, String summary, String dedupKey) {
        HttpResponse<String> accepted = Http.postJson(system.url("/v2/enqueue"), """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "%s", "source": "web-1", "severity": "critical"}}"""
                .formatted(crew.eventsKey, dedupKey, summary));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
}
