package dev.oncall.acceptance.faults;

/** One region's Redis, as a fault stops it and starts it again (empty, on the same port). */
record RegionRedis(String region, Runnable stop, Runnable start) {}
