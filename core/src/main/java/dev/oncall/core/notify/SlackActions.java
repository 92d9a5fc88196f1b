package dev.oncall.core.notify;

/** The {@code action_id}s of a page's Slack buttons: the worker sets them, the API reads them back. */
public final class SlackActions {
    public static final String ACKNOWLEDGE = "oncall_acknowledge";
    public static final String RESOLVE = "oncall_resolve";

    private SlackActions() {}
}
