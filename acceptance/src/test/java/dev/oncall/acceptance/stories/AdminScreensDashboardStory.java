package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Verify;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's admin screens in a real browser: escalation policies, services (with a
 * ready-to-paste Alertmanager receiver per integration key), team admin and Me, where a person
 * adds a phone number and verifies it with the code texted to it. A policy saved with an invalid
 * delay shows the API's error on that field. Every screen is saved under target/screenshots.
 */
@ExtendWith(InstallationExtension.class)
class AdminScreensDashboardStory {
    private static final Duration SOON = Duration.ofSeconds(15);

    @Test
    void eachScreenShowsItsData(Installation system) {
        Crew crew = Crew.of(system, "Billing", List.of("jack", "kim"), "lena", List.of());
        try (Browser browser = signIn(system)) {
            browser.go(system.url("/#/policies?team=" + crew.teamId));
            WebElement policies = browser.awaitText(By.id("policy-rows"), "Default");
            assertThat(policies.getText()).contains("Schedule Primary").contains("User lena");
            browser.screenshot("policies");

            browser.click("the policy's link", By.linkText("Default"));
            browser.awaitText(By.id("policy-title"), "Default");
            browser.await("the policy's steps", SOON, d -> d.findElements(By.cssSelector("#policy-steps fieldset.step")).size() == 2
                    ? Optional.of(true) : Optional.empty());
            browser.screenshot("policy");

            browser.go(system.url("/#/services?team=" + crew.teamId));
            browser.awaitText(By.id("service-rows"), "Storage");
            browser.screenshot("services");

            browser.go(system.url("/#/team?team=" + crew.teamId));
            String members = browser.awaitText(By.id("member-rows"), "lena").getText();
            assertThat(members).contains("jack").contains("kim");
            browser.await("the invitation form", By.id("invite-form"));
            browser.screenshot("team");
        }
    }

    @Test
    void aPhoneNumberAddedInMeIsVerifiedWithTheCodeTextedToIt(Installation system) {
        Crew crew = Crew.of(system, "Identity", List.of("mona", "nils"), "olga", List.of());
        String phone = "+1556" + String.format("%07d", Math.abs(crew.teamId.hashCode()) % 10_000_000);
        try (Browser browser = signIn(system)) {
            browser.go(system.url("/#/me?team=" + crew.teamId));
            browser.await("the add form", By.id("method-form"));
            type(browser, By.id("method-input-address"), phone);
            type(browser, By.id("method-input-label"), "my phone");
            browser.click("Add", By.id("method-add"));
            methodRow(browser, phone, "Not verified");

            long earlier = Verify.codesTexted(system, phone);
            inRow(browser, phone, "Send code clicked", r -> r.findElement(By.cssSelector("button.send-code")).click());
            browser.awaitText(By.id("notice"), "Code sent to " + phone);
            String code = Verify.codeTexted(system, phone, earlier);
            inRow(browser, phone, "the code typed and sent", r -> {
                WebElement input = r.findElement(By.cssSelector("input.code"));
                input.clear();
                input.sendKeys(code);
                r.findElement(By.cssSelector("button.verify-code")).click();
            });
            browser.awaitText(By.id("notice"), phone + " is verified");
            methodRow(browser, phone, "Verified");
            browser.screenshot("me");
        }
    }

    @Test
    void aPolicyStepWithAnInvalidDelayShowsTheErrorOnItsField(Installation system) {
        Crew crew = Crew.of(system, "Ledger", List.of("piet", "quin"), "rosa", List.of());
        try (Browser browser = signIn(system)) {
            browser.go(system.url("/#/policies/" + crew.policyId + "?team=" + crew.teamId));
            By delay = By.id("policy-input-steps-0-escalateAfterSeconds");
            type(browser, delay, "0");
            browser.click("Save", By.id("policy-save"));
            WebElement error = browser.awaitText(By.id("policy-input-steps-0-escalateAfterSeconds-error"), "must be between");
            assertThat(error.getText()).contains("60 seconds");
            browser.await("the field marked invalid and described by its error", SOON, d -> d.findElements(delay).stream()
                    .filter(e -> "true".equals(e.getAttribute("aria-invalid")))
                    .filter(e -> (e.getAttribute("aria-describedby") + "").contains("policy-input-steps-0-escalateAfterSeconds-error"))
                    .findFirst());
            browser.screenshot("policy-error");
        }
    }

    @Test
    void aServiceShowsAReadyToPasteAlertmanagerReceiverWithItsKey(Installation system) {
        Crew crew = Crew.of(system, "Inventory", List.of("sara", "tom"), "uma", List.of());
        try (Browser browser = signIn(system)) {
            browser.go(system.url("/#/services/" + crew.serviceId + "?team=" + crew.teamId));
            String webhook = browser.awaitText(By.cssSelector("li.key[data-type=ALERTMANAGER] pre.alertmanager"),
                    crew.alertmanagerKey).getText();
            assertThat(webhook).contains("webhook_configs")
                    .contains(system.url("/integrations/alertmanager/" + crew.alertmanagerKey));
            String pagerduty = browser.awaitText(By.cssSelector("li.key[data-type=EVENTS_V2] pre.alertmanager"),
                    crew.eventsKey).getText();
            assertThat(pagerduty).contains("pagerduty_configs").contains("routing_key: " + crew.eventsKey)
                    .contains("url: " + system.url("/v2/enqueue"));
            assertThat(browser.awaitText(By.cssSelector("li.key[data-type=EVENTS_V2] pre.curl"), crew.eventsKey).getText())
                    .startsWith("curl -X POST " + system.url("/v2/enqueue"));
            browser.await("the copy button", By.cssSelector("li.key button[id^=copy-receiver]"));
            browser.screenshot("service");
        }
    }

    private static Browser signIn(Installation system) {
        Browser browser = Browser.open();
        browser.go(system.url("/#token=" + system.adminToken()));
        browser.awaitText(By.id("live-state"), "Live");
        return browser;
    }

    /** Types {@code text} into the field, found and filled in one go (the page may redraw). */
    private static void type(Browser browser, By field, String text) {
        browser.await("typing into " + field, SOON, d -> d.findElements(field).stream().findFirst().map(e -> {
            e.clear();
            e.sendKeys(text);
            return true;
        }));
    }

    private static void methodRow(Browser browser, String phone, String state) {
        browser.await(phone + " " + state, SOON, d -> row(d.findElements(By.cssSelector("#contact-methods li.method")), phone)
                .filter(r -> r.findElement(By.cssSelector(".verified, .unverified")).getText().equals(state)));
    }

    /** Finds the method's row and acts on it in one go (the page may redraw between the two). */
    private static void inRow(Browser browser, String phone, String what, Consumer<WebElement> action) {
        browser.await(what, SOON, d -> row(d.findElements(By.cssSelector("#contact-methods li.method")), phone).map(r -> {
            action.accept(r);
            return true;
        }));
    }

    private static Optional<WebElement> row(List<WebElement> rows, String phone) {
        return rows.stream().filter(r -> r.findElements(By.cssSelector(".address")).stream()
                .anyMatch(a -> a.getText().equals(phone))).findFirst();
    }
}
