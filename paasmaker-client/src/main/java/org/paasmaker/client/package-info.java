/**
 * The Java SDK of Paasmaker: {@link org.paasmaker.client.PaasmakerClient} speaks REST API v1 with the
 * records of {@code org.paasmaker.api.rest}, follows jobs and instance logs as typed events that survive
 * dropped connections, uploads directories packed on the fly, and reports every failure as a
 * {@link org.paasmaker.client.PaasmakerClientException}. It needs Java 17, the api jar, Jackson and
 * Commons Compress; nothing of the server.
 */
package org.paasmaker.client;
