/**
 * The engine's side of the router process: {@link org.paasmaker.engine.routing.RouterProcess}
 * launches the router module's jar detached ({@link org.paasmaker.engine.routing.RouterCode} says
 * where it is), adopts it after an engine restart, starts it again when it died, and drives it over
 * its loopback control channel ({@code ControlClient}) as an
 * {@link org.paasmaker.api.routing.RouterControl}.
 *
 * <p>The router itself (its Netty data plane, control server, table file, access log and its
 * follower of the controller's route feed) lives in the {@code paasmaker-router} module, which the
 * engine never loads: the engine carries its jar as a resource only.
 */
package org.paasmaker.engine.routing;
