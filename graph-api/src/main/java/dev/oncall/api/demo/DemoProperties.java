package dev.oncall.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local run's demo team (docs/configuration.md).
 *
 * @param enabled    create the demo team at start when it is missing (the local profile)
 * @param adminToken a personal token for the demo team's admin, chosen by whoever starts the app
 *                   ({@code oncall_} followed by at least 32 random characters): at every start it
 *                   replaces the token the previous start was given. The local run picks a fresh
 *                   one and prints it in its banner; the app never logs it. Empty: none.
 */
@ConfigurationProperties("oncall.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("") String adminToken) {}
