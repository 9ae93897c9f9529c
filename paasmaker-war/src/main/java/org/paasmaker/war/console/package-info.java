/**
 * The web console's server side: its static files (kept under {@code WEB-INF/console}, where nothing
 * serves them but these servlets) answered at {@code /} and under a content hash at {@code /assets/},
 * with the Content-Security-Policy that forbids inline scripts and styles. Everything else the console
 * does, it does in the browser over REST API v1.
 */
package org.paasmaker.war.console;
