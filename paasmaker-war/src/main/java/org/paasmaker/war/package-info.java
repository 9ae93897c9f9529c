/** The Open Liberty application: adapters from Jakarta EE (REST, JPA, Batch, CDI) to the engine. */
package org.paasmaker.war;
