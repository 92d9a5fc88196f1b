package dev.oncall.api.graphql;

/** One field of a mutation's input that was refused, by its path from the argument name. */
public record UserError(String field, String message) {}
