package dev.oncall.core.shift;

/** Why a shift exists. */
public enum ShiftSource {
    /** A turn of a rotation layer (possibly cut by restrictions, higher layers or overrides). */
    ROTATION,
    /** An override: it replaced everyone the layers named. */
    OVERRIDE,
    /** Time claimed from its holder through a cover request. */
    COVERAGE
}
