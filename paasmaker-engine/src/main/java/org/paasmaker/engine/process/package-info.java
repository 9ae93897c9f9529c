/**
 * Processes that do not belong to the engine's JVM: started detached (their own session and process
 * group), known again after an engine restart by pid <em>and</em> start time, stopped as a whole
 * tree, with their output in append-mode files that are rotated by copy-and-truncate. Linux only:
 * everything here reads {@code /proc}.
 */
package org.paasmaker.engine.process;
