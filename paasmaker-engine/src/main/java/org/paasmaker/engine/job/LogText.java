package org.paasmaker.engine.job;

/**
 * Part of a job's log, read from a byte offset ({@link JobManager#log(org.paasmaker.api.job.JobId, long)}).
 *
 * @param text the bytes read, as UTF-8
 * @param next the offset of the first byte not read: where the next read starts
 */
public record LogText(String text, long next) {
}
