package xyz.keystoneos.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the scope an API endpoint needs; with several, any one of them suffices (e.g. M2M clients use
 * {@code settlements:write}, browser session tokens {@code instructions:write}). A caller without it gets 403
 * {@code insufficient_scope} naming the scope. Every {@code /v1} handler carries this or {@link AuthenticatedOnly};
 * one with neither is refused.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {

    String[] value();
}
