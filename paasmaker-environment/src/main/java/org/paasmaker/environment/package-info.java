/**
 * What an application running on Paasmaker reads to learn about itself: {@link
 * org.paasmaker.environment.PaasmakerEnvironment} parses {@code PM_METADATA}, {@code PM_SERVICES} and
 * {@code PM_PORT} (or the original's fallback file), with the JDK alone.
 *
 * <p>Public: {@code PaasmakerEnvironment}, its values {@code Metadata} and {@code Service}, the one
 * error {@code EnvironmentException}, and {@code PaasmakerConfigSource}. The JSON and YAML readers
 * are package-private and promise nothing.
 *
 * <h2>MicroProfile Config properties</h2>
 *
 * {@link org.paasmaker.environment.PaasmakerConfigSource} offers these (ordinal 250):
 * <table>
 *   <caption>Property names</caption>
 *   <tr><th>Property</th><th>From</th></tr>
 *   <tr><td>{@code paasmaker.application.name}</td><td>{@code PM_METADATA} {@code application.name}</td></tr>
 *   <tr><td>{@code paasmaker.application.id}</td><td>{@code application.application_id} (not in a fallback file)</td></tr>
 *   <tr><td>{@code paasmaker.version.number}</td><td>{@code application.version}</td></tr>
 *   <tr><td>{@code paasmaker.version.id}</td><td>{@code application.version_id} (not in a fallback file)</td></tr>
 *   <tr><td>{@code paasmaker.workspace.name}</td><td>{@code application.workspace}</td></tr>
 *   <tr><td>{@code paasmaker.workspace.stub}</td><td>{@code application.workspace_stub}</td></tr>
 *   <tr><td>{@code paasmaker.workspace.tags.<tag>}</td><td>each workspace tag</td></tr>
 *   <tr><td>{@code paasmaker.node.tags.<tag>}</td><td>each node tag</td></tr>
 *   <tr><td>{@code paasmaker.port}</td><td>{@code PM_PORT} (none for a standalone instance)</td></tr>
 *   <tr><td>{@code paasmaker.services.<service>.<parameter>}</td><td>each parameter of each service of
 *       {@code PM_SERVICES}: {@code hostname}, {@code port}, {@code username}, {@code password},
 *       {@code database}, {@code protocol}, {@code provider}, {@code directory}...</td></tr>
 *   <tr><td>{@code paasmaker.services.<service>.jdbc-url}</td><td>{@code Service.jdbcUrl()}, for a
 *       complete {@code pgsql} or {@code mysql} service</td></tr>
 *   <tr><td>{@code paasmaker.services.<service>.connection-uri}</td><td>{@code Service.connectionUri()},
 *       for a complete {@code pgsql}, {@code mysql} or {@code redis} service</td></tr>
 * </table>
 * A tag or parameter whose value is a mapping gives one property per entry ({@code .tags.geo.region});
 * a list of scalars gives one comma-separated value (commas within escaped as {@code \,}), a list of
 * anything else one property per element ({@code .tags.zones[0].name}); a null gives none.
 */
package org.paasmaker.environment;
