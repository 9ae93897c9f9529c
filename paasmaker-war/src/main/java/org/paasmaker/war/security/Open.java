package org.paasmaker.war.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method anyone may call, with a credential or none: the health check and the sign-ins. Jakarta
 * Security authenticates whatever credential comes along on every request, so the authorization filter
 * needs to be told these need no permission, rather than relying on an anonymous caller.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Open {
}
