/**
 * Processes that do not belong to the engine's JVM: started detached (their own session and process
 * group), known again after an engine restart by pid <em>and</em> start time, stopped as a whole
 * tree, with their output in append-mode files that are rotated by copy-and-truncate, or, for
 * instances, through a named pipe to a detached log writer that keeps it to a size at any write rate
 * ({@link org.paasmaker.engine.process.CappedLog}). Linux only: everything here reads {@code /proc}.
 */
package org.paasmaker.engine.process;
