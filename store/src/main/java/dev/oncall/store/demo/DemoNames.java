package dev.oncall.store.demo;

/**
 * The names of the local run's demo data, one truth for both sides: graph-api creates the team
 * and its services under these names, and the local run finds their integration keys by them
 * (the demo service's for the curl it prints, the self-monitoring service's for the auditor).
 */
public final class DemoNames {
    public static final String TEAM = "Demo";
    /** Where the printed curl sends its alert. */
    public static final String SERVICE = "Demo service";
    /** Where the local run's auditor pages: a mismatch it finds becomes an incident of the demo team. */
    public static final String SELF_MONITORING_SERVICE = "Oncall self-monitoring";

    private DemoNames() {}
}
