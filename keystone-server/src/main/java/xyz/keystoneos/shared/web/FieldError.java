package xyz.keystoneos.shared.web;

/** One field-level problem: {@code field} is the JSON path as the client sent it (snake_case, dotted, [index]). */
public record FieldError(String field, String message) {
}
