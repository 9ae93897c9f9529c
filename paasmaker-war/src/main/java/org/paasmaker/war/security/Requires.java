package org.paasmaker.war.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.paasmaker.api.access.Permission;

/**
 * The permission a resource method needs, and where: {@link #on()} says which path parameter names
 * the object whose workspace counts. A method without it is refused to everyone but the operator, so
 * a new endpoint that forgets it is closed, not open.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    Permission value();

    Scope on() default Scope.GLOBAL;
}
